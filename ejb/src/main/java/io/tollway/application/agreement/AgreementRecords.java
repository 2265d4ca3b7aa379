package io.tollway.application.agreement;

import io.tollway.application.account.Caller;
import io.tollway.application.chain.ChainTransactions;
import io.tollway.domain.model.agreement.Agreement;
import io.tollway.domain.model.agreement.AgreementRepository;
import io.tollway.domain.model.agreement.Bill;
import io.tollway.domain.model.channel.ChannelRepository;
import io.tollway.domain.model.offering.SettlementModel;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.List;

/**
 * What an agreement has left behind, a page at a time and newest first: its bills, its cheques and
 * its chain transactions. Read as last committed, in no transaction of their own (as
 * {@link Agreements#find}), and only by the agreement's parties and the operator.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class AgreementRecords {

    @Inject
    private AgreementRepository agreements;

    @Inject
    private ChannelRepository channels;

    @EJB
    private ChainTransactions transactions;

    public Listing<AgreementView.BillView> bills(Caller caller, String agreementId, int offset, int limit) {
        visible(caller, agreementId);
        return new Listing<>(agreements.readBills(agreementId, offset, limit).stream().map(AgreementRecords::bill).toList(),
                agreements.billTotals(agreementId).count());
    }

    /** An escrow agreement has no cheques: its list is empty. */
    public Listing<AgreementView.ChequeView> cheques(Caller caller, String agreementId, int offset, int limit) {
        if (visible(caller, agreementId).settlementModel() != SettlementModel.CHANNEL) {
            return new Listing<>(List.of(), 0);
        }
        return new Listing<>(channels.cheques(agreementId, offset, limit).stream()
                .map(c -> new AgreementView.ChequeView(c.balance().toString(), c.receivedAt().toInstant())).toList(),
                channels.chequeCount(agreementId));
    }

    public Listing<AgreementView.TransactionView> transactions(Caller caller, String agreementId, int offset, int limit) {
        visible(caller, agreementId);
        return new Listing<>(transactions.ofSubject(agreementId, offset, limit).stream()
                .map(t -> new AgreementView.TransactionView(t.id(), t.step(), t.description(), t.state(), t.hash(), t.blockNumber(),
                        t.revertReason(), t.requestedAt(), t.finishedAt())).toList(),
                transactions.countOfSubject(agreementId));
    }

    private static AgreementView.BillView bill(Bill b) {
        return new AgreementView.BillView(b.number(), b.state().name(), b.variableAmount().toString(),
                b.baseAmount() == null ? null : b.baseAmount().toString(), b.paid() == null ? null : b.paid().toString(),
                b.billedSeconds(), b.chainTransactionId(), b.preparedAt().toInstant());
    }

    private Agreement visible(Caller caller, String agreementId) {
        return Agreements.visible(caller, agreements.read(agreementId), agreementId);
    }
}
