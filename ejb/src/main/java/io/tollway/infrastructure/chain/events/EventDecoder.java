package io.tollway.infrastructure.chain.events;

import io.tollway.contracts.generated.PaymentChannels;
import io.tollway.contracts.generated.ServiceEscrow;
import io.tollway.domain.model.chain.AgreementApproved;
import io.tollway.domain.model.chain.BillPaid;
import io.tollway.domain.model.chain.ChainEvent;
import io.tollway.domain.model.chain.ChannelCloseRequested;
import io.tollway.domain.model.chain.ChannelClosed;
import io.tollway.domain.model.chain.ChannelCreated;
import io.tollway.domain.model.chain.ChannelSettled;
import io.tollway.domain.model.chain.ChannelToppedUp;
import io.tollway.domain.model.chain.DepositMade;
import io.tollway.domain.model.chain.EventPosition;
import io.tollway.domain.model.chain.OutOfFunds;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Turns the logs of Tollway's escrow and channels into domain events, with the ABI definitions and
 * decoders of the generated bindings. A log of another contract, or an event the domain does not
 * act on (terms set, offerings, withdrawals, …), decodes to nothing.
 */
public final class EventDecoder {

    private final String escrowAddress;
    private final String channelsAddress;
    /** contract address, then the event's signature hash (topic 0): how to build its domain event */
    private final Map<String, Map<String, BiFunction<Log, EventPosition, ChainEvent>>> decoders;
    private final List<String> eventTopics;

    public EventDecoder(String escrowAddress, String channelsAddress) {
        this.escrowAddress = escrowAddress.toLowerCase(Locale.ROOT);
        this.channelsAddress = channelsAddress.toLowerCase(Locale.ROOT);
        if (this.escrowAddress.equals(this.channelsAddress)) {
            throw new IllegalArgumentException("escrow and channels cannot both be at " + escrowAddress);
        }
        this.decoders = Map.of(this.escrowAddress, escrowDecoders(), this.channelsAddress, channelsDecoders());
        this.eventTopics = decoders.values().stream().flatMap(byTopic -> byTopic.keySet().stream()).sorted().toList();
    }

    private static Map<String, BiFunction<Log, EventPosition, ChainEvent>> escrowDecoders() {
        return Map.of(
                topic(ServiceEscrow.DEPOSITED_EVENT), (log, at) -> {
                    var e = ServiceEscrow.getDepositedEventFromLog(log);
                    return new DepositMade(at, e.id, address(e.consumer), e.amount, e.remaining);
                },
                topic(ServiceEscrow.AGREEMENTAPPROVED_EVENT), (log, at) -> {
                    var e = ServiceEscrow.getAgreementApprovedEventFromLog(log);
                    return new AgreementApproved(at, e.id, Numeric.toHexString(e.termsHash));
                },
                topic(ServiceEscrow.BILLPAID_EVENT), (log, at) -> {
                    var e = ServiceEscrow.getBillPaidEventFromLog(log);
                    return new BillPaid(at, e.id, Numeric.toHexString(e.ref), e.baseAmount, e.variableAmount,
                            e.billedSeconds.longValueExact());
                },
                topic(ServiceEscrow.OUTOFFUNDS_EVENT), (log, at) -> {
                    var e = ServiceEscrow.getOutOfFundsEventFromLog(log);
                    return new OutOfFunds(at, e.id, Numeric.toHexString(e.ref), e.owed, e.paid);
                });
    }

    private static Map<String, BiFunction<Log, EventPosition, ChainEvent>> channelsDecoders() {
        return Map.of(
                topic(PaymentChannels.CHANNELCREATED_EVENT), (log, at) -> {
                    var e = PaymentChannels.getChannelCreatedEventFromLog(log);
                    return new ChannelCreated(at, Numeric.toHexString(e.key), address(e.agent), address(e.consumer),
                            Numeric.toHexString(e.offeringHash), e.openBlock.longValueExact(), e.deposit);
                },
                topic(PaymentChannels.CHANNELTOPPEDUP_EVENT), (log, at) -> {
                    var e = PaymentChannels.getChannelToppedUpEventFromLog(log);
                    return new ChannelToppedUp(at, Numeric.toHexString(e.key), e.added, e.deposit);
                },
                topic(PaymentChannels.CHANNELCLOSEREQUESTED_EVENT), (log, at) -> {
                    var e = PaymentChannels.getChannelCloseRequestedEventFromLog(log);
                    return new ChannelCloseRequested(at, Numeric.toHexString(e.key), e.balance,
                            Instant.ofEpochSecond(e.settleAfter.longValueExact()));
                },
                topic(PaymentChannels.CHANNELCLOSED_EVENT), (log, at) -> {
                    var e = PaymentChannels.getChannelClosedEventFromLog(log);
                    return new ChannelClosed(at, Numeric.toHexString(e.key), e.balance, e.fee, e.refund);
                },
                topic(PaymentChannels.CHANNELSETTLED_EVENT), (log, at) -> {
                    var e = PaymentChannels.getChannelSettledEventFromLog(log);
                    return new ChannelSettled(at, Numeric.toHexString(e.key), e.balance, e.fee, e.refund);
                });
    }

    /** The contracts whose logs are asked for: escrow, then channels. */
    public List<String> addresses() {
        return List.of(escrowAddress, channelsAddress);
    }

    /** The signature hashes (topic 0) of every event decoded, so the node sends only those. */
    public List<String> eventTopics() {
        return eventTopics;
    }

    /**
     * The domain event of {@code log}, or nothing if it is not one the domain acts on.
     *
     * @throws IllegalArgumentException if the log has no block (still pending) or its data do not
     *                                  fit the event's ABI: a log of Tollway's own contracts that
     *                                  cannot be decoded is a fault to look at, not to skip
     */
    public Optional<ChainEvent> decode(Log log) {
        var byTopic = decoders.get(log.getAddress() == null ? null : log.getAddress().toLowerCase(Locale.ROOT));
        if (byTopic == null || log.getTopics() == null || log.getTopics().isEmpty()) {
            return Optional.empty();
        }
        var decoder = byTopic.get(log.getTopics().get(0).toLowerCase(Locale.ROOT));
        if (decoder == null) {
            return Optional.empty();
        }
        EventPosition position = position(log);
        try {
            return Optional.of(decoder.apply(log, position));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot decode the log at " + position + " of " + log.getAddress()
                    + ": " + e.getMessage(), e);
        }
    }

    private static EventPosition position(Log log) {
        if (log.getBlockHash() == null || log.getBlockNumberRaw() == null || log.getLogIndexRaw() == null) {
            throw new IllegalArgumentException("log of transaction " + log.getTransactionHash() + " has no block yet");
        }
        return new EventPosition(log.getBlockNumber().longValueExact(), log.getBlockHash().toLowerCase(Locale.ROOT),
                log.getLogIndex().intValueExact(), log.getTransactionHash().toLowerCase(Locale.ROOT));
    }

    private static String topic(Event event) {
        return EventEncoder.encode(event).toLowerCase(Locale.ROOT);
    }

    private static String address(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
