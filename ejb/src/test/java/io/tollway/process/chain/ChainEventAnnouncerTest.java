package io.tollway.process.chain;

import io.tollway.domain.model.chain.AgreementApproved;
import io.tollway.domain.model.chain.BillPaid;
import io.tollway.domain.model.chain.ChannelToppedUp;
import io.tollway.domain.model.chain.DepositMade;
import io.tollway.domain.model.chain.OutOfFunds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which chain events are offered to the engine: those whose message Tollway's models declare. */
class ChainEventAnnouncerTest {

    @Test
    void onlyEventsWhoseMessageAModelDeclaresAreOfferedToTheProcesses() {
        ChainEventAnnouncer announcer = new ChainEventAnnouncer();
        announcer.readModels();

        assertThat(announcer.mayMoveAProcess(DepositMade.class)).isTrue();
        assertThat(announcer.mayMoveAProcess(AgreementApproved.class)).isTrue();
        assertThat(announcer.mayMoveAProcess(BillPaid.class)).isFalse();
        assertThat(announcer.mayMoveAProcess(OutOfFunds.class)).isFalse();
        assertThat(announcer.mayMoveAProcess(ChannelToppedUp.class)).isFalse();
    }
}
