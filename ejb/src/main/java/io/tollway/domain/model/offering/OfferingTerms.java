package io.tollway.domain.model.offering;

import io.tollway.domain.model.agreement.EscrowTerms;
import io.tollway.domain.model.channel.ChannelTerms;

import java.util.Objects;

/**
 * The terms an offering's agreements are made on, one kind per settlement model. The kind decides
 * the model, so an offering cannot claim one model and carry the other's terms.
 */
public sealed interface OfferingTerms {

    SettlementModel settlementModel();

    /**
     * Escrow billing by the hour.
     *
     * @param terms             fees and notice period
     * @param uptimeArbitration whether an uptime arbiter scales the base fee by measured uptime; it
     *                          belongs to the offering rather than to {@link EscrowTerms} because it
     *                          changes who measures, not what is paid
     */
    record Escrow(EscrowTerms terms, boolean uptimeArbitration) implements OfferingTerms {

        public Escrow {
            Objects.requireNonNull(terms, "terms");
        }

        @Override
        public SettlementModel settlementModel() {
            return SettlementModel.ESCROW;
        }
    }

    /** A payment channel paid by cheques. */
    record Channel(ChannelTerms terms) implements OfferingTerms {

        public Channel {
            Objects.requireNonNull(terms, "terms");
        }

        @Override
        public SettlementModel settlementModel() {
            return SettlementModel.CHANNEL;
        }
    }
}
