package io.tollway.infrastructure.chain.events;

import io.tollway.contracts.generated.PaymentChannels;
import io.tollway.contracts.generated.ServiceEscrow;
import io.tollway.devkit.EmbeddedDatabase;
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
import io.tollway.infrastructure.persistence.jdbc.JdbcTransactor;
import io.tollway.infrastructure.persistence.jdbc.Transactor;
import io.tollway.infrastructure.persistence.migration.SchemaMigration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.stream.LongStream;

import static io.tollway.infrastructure.chain.events.TollwayOnChain.big;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reader against a real PostgreSQL and the real contracts on anvil. Each test reads with a
 * reader of its own name from the block after the chain's head when it begins, so the tests do not
 * see each other's events.
 */
class ChainEventReaderTest {

    private static EmbeddedDatabase database;
    private static TollwayOnChain chain;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.start();
        SchemaMigration.migrate(database.dataSource());
        chain = TollwayOnChain.deploy();
    }

    @AfterAll
    static void stop() {
        if (chain != null) {
            chain.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private static ChainEventReader reader(String name, long startBlock, int confirmations, RecordingHandler handler) {
        return new ChainEventReader(new JdbcTransactor(database.dataSource()), chain.web3j,
                chain.settings(name, startBlock, confirmations), handler);
    }

    /** Polls until the reader has reached the confirmed head; returns the events handled on the way. */
    private static int readToHead(ChainEventReader reader) {
        int handled = 0;
        for (int polls = 0; polls < 100; polls++) {
            handled += reader.poll();
            if (reader.caughtUp()) {
                return handled;
            }
        }
        throw new AssertionError("reader '" + reader.name() + "' did not catch up in 100 polls");
    }

    @Test
    void handsEachOfTheNineDomainEventsToTheDomainOnceWithTheContractsValues() throws Exception {
        RecordingHandler domain = new RecordingHandler();
        ChainEventReader reader = reader("nine-events", chain.head() + 1, 0, domain);

        BigInteger agreement = chain.approvedAgreement(100, 36_000, 3_600);
        long t = chain.latestTimestamp() + 10;
        chain.nextBlockAt(t);
        TransactionReceipt deposited = chain.deposit(agreement, 10_000);
        chain.nextBlockAt(t + 600);
        chain.bill(agreement, 50, "bill 1");
        chain.nextBlockAt(t + 1200);
        chain.bill(agreement, 0, "bill 2");

        byte[] offering = chain.registerOffering("vpn", 1_000, 2);
        TollwayOnChain.Channel settled = chain.openChannel(offering, 1_000);
        chain.topUp(settled, 500);
        TransactionReceipt closeRequested = chain.requestClose(settled, 300);
        chain.anvil.increaseTime(3601);
        chain.settle(settled);
        chain.setNetworkFee(250);
        TollwayOnChain.Channel closed = chain.openChannel(offering, 2_000);
        chain.closeCooperatively(closed, 700);

        assertThat(readToHead(reader)).isEqualTo(10);
        assertThat(reader.poll()).as("a second read hands nothing again").isZero();

        assertThat(domain.handled).extracting(Object::getClass).containsExactly(
                AgreementApproved.class, DepositMade.class, BillPaid.class, OutOfFunds.class,
                ChannelCreated.class, ChannelToppedUp.class, ChannelCloseRequested.class, ChannelSettled.class,
                ChannelCreated.class, ChannelClosed.class);
        String consumer = chain.consumer.getAddress().toLowerCase(Locale.ROOT);
        String agent = chain.provider.getAddress().toLowerCase(Locale.ROOT);
        String offeringHash = Numeric.toHexString(offering);
        assertThat(domain.handled).extracting(ChainEventReaderTest::withoutPosition).containsExactly(
                "AgreementApproved[agreementId=" + agreement + ", termsHash=" + termsHashOf(agreement) + "]",
                "DepositMade[agreementId=" + agreement + ", consumer=" + consumer + ", amount=10000, remaining=9900]",
                "BillPaid[agreementId=" + agreement + ", ref=" + ref("bill 1") + ", baseAmount=6000, variableAmount=50, billedSeconds=600]",
                "OutOfFunds[agreementId=" + agreement + ", ref=" + ref("bill 2") + ", owed=6000, paid=3850]",
                "ChannelCreated[channelKey=" + hex(settled.key()) + ", agent=" + agent + ", consumer=" + consumer
                        + ", offeringHash=" + offeringHash + ", openBlock=" + settled.openBlock() + ", deposit=1000]",
                "ChannelToppedUp[channelKey=" + hex(settled.key()) + ", added=500, deposit=1500]",
                "ChannelCloseRequested[channelKey=" + hex(settled.key()) + ", balance=300, settleAfter="
                        + settleAfter(closeRequested) + "]",
                "ChannelSettled[channelKey=" + hex(settled.key()) + ", balance=300, fee=0, refund=1200]",
                "ChannelCreated[channelKey=" + hex(closed.key()) + ", agent=" + agent + ", consumer=" + consumer
                        + ", offeringHash=" + offeringHash + ", openBlock=" + closed.openBlock() + ", deposit=2000]",
                "ChannelClosed[channelKey=" + hex(closed.key()) + ", balance=700, fee=17, refund=1300]");

        ChainEvent deposit = domain.handled.get(1);
        Log depositLog = deposited.getLogs().stream()
                .filter(log -> log.getTopics().get(0).equals(EventEncoder.encode(ServiceEscrow.DEPOSITED_EVENT)))
                .findFirst().orElseThrow();
        assertThat(deposit.position()).isEqualTo(new EventPosition(depositLog.getBlockNumber().longValueExact(),
                depositLog.getBlockHash(), depositLog.getLogIndex().intValueExact(), depositLog.getTransactionHash()));
        assertThat(deposit.subject()).isEqualTo(agreement.toString());
        assertThat(domain.handled.get(5).subject()).isEqualTo(hex(settled.key()));
        assertThat(domain.handled).extracting(ChainEvent::position).isSorted();
        assertThat(domain.orphaned).isEmpty();

        assertThat(rows("nine-events")).hasSize(10).allMatch(row -> row.endsWith("HANDLED"));
        assertThat(payloadOf(deposit.position())).isEqualTo(
                "{\"amount\": 10000, \"consumer\": \"" + consumer + "\", \"remaining\": 9900, \"agreementId\": " + agreement + "}");
    }

    @Test
    void handsAnEventOnlyOnceTheConfiguredNumberOfBlocksIsOnTopOfIt() throws Exception {
        BigInteger agreement = chain.approvedAgreement(0, 3_600, 0);
        RecordingHandler domain = new RecordingHandler();
        ChainEventReader reader = reader("confirmations", chain.head() + 1, 2, domain);

        chain.deposit(agreement, 5_000);
        assertThat(readToHead(reader)).as("no block on top").isZero();
        chain.anvil.mine();
        assertThat(readToHead(reader)).as("one block on top").isZero();
        chain.anvil.mine();
        assertThat(readToHead(reader)).as("two blocks on top").isOne();

        assertThat(domain.handled).singleElement().isInstanceOf(DepositMade.class);
        assertThat(reader.lastHandledBlock()).hasValue(chain.head() - 2);
    }

    @Test
    void aReorganisationOrphansTheReplacedEventAndHandsTheNewOneOnce() throws Exception {
        BigInteger agreement = chain.approvedAgreement(0, 3_600, 0);
        RecordingHandler domain = new RecordingHandler();
        ChainEventReader reader = reader("reorganisation", chain.head() + 1, 0, domain);
        chain.anvil.mine();
        long forkPoint = chain.head();
        assertThat(readToHead(reader)).isZero();
        assertThat(reader.lastHandledBlock()).hasValue(forkPoint);

        String beforeDeposit = chain.anvil.snapshot();
        chain.deposit(agreement, 1_111);
        assertThat(readToHead(reader)).isOne();
        DepositMade replaced = (DepositMade) domain.handled.get(0);

        chain.anvil.revert(beforeDeposit);
        assertThat(readToHead(reader)).as("the chain ends below the cursor until it grows again").isZero();
        assertThat(domain.orphaned).as("a chain shorter than the cursor is no reason to orphan").isEmpty();
        chain.deposit(agreement, 2_222);
        chain.anvil.mine();
        chain.anvil.mine();
        assertThat(chain.head()).as("the new chain is longer").isEqualTo(forkPoint + 3);

        try (LogCapture log = new LogCapture(ChainEventReader.class)) {
            assertThat(reader.poll()).as("the reorganisation step hands nothing").isZero();
            assertThat(log.at(Level.WARNING)).containsExactly("chain event reader 'reorganisation': reorganisation at block "
                    + (forkPoint + 1) + " (" + replaced.position().blockHash() + " is no longer on the chain):"
                    + " 1 event orphaned, reading again from block " + (forkPoint + 1));
        }
        assertThat(domain.orphaned).containsExactly(replaced);
        assertThat(reader.lastHandledBlock()).as("back at the fork point").hasValue(forkPoint);
        assertThat(readToHead(reader)).isOne();
        assertThat(readToHead(reader)).isZero();

        assertThat(domain.handled).extracting(event -> ((DepositMade) event).amount()).containsExactly(big(1_111), big(2_222));
        assertThat(domain.orphaned).containsExactly(replaced);
        DepositMade replacement = (DepositMade) domain.handled.get(1);
        assertThat(replacement.position().blockNumber()).isEqualTo(replaced.position().blockNumber());
        assertThat(replacement.position().blockHash()).isNotEqualTo(replaced.position().blockHash());
        assertThat(rows("reorganisation")).containsExactly(
                replaced.position().blockNumber() + " " + replaced.position().blockHash() + " DepositMade ORPHANED",
                replacement.position().blockNumber() + " " + replacement.position().blockHash() + " DepositMade HANDLED");
    }

    @Test
    void aReorganisationBelowEveryKeptBlockReadsAgainFromTheStartBlock() throws Exception {
        BigInteger agreement = chain.approvedAgreement(0, 3_600, 0);
        RecordingHandler domain = new RecordingHandler();
        String beforeStart = chain.anvil.snapshot();
        long start = chain.head() + 1;
        ChainEventReader reader = reader("deep-reorganisation", start, 0, domain);
        chain.deposit(agreement, 3_333);
        chain.deposit(agreement, 4_444);
        assertThat(readToHead(reader)).isEqualTo(2);

        chain.anvil.revert(beforeStart);
        chain.deposit(agreement, 5_555);
        chain.anvil.mine();
        chain.anvil.mine();

        assertThat(reader.poll()).isZero();
        assertThat(domain.orphaned).extracting(event -> ((DepositMade) event).amount())
                .as("undone newest first").containsExactly(big(4_444), big(3_333));
        assertThat(reader.lastHandledBlock()).as("no cursor: starts again at its start block").isEmpty();
        assertThat(readToHead(reader)).isOne();
        assertThat(domain.handled).extracting(event -> ((DepositMade) event).amount())
                .containsExactly(big(3_333), big(4_444), big(5_555));
        assertThat(domain.handled.get(2).position().blockNumber()).isEqualTo(start);
    }

    @Test
    void aNewReaderOnTheSameDatabaseResumesAtTheCursorAndHandsNothingTwice() throws Exception {
        BigInteger agreement = chain.approvedAgreement(0, 3_600, 0);
        long start = chain.head() + 1;
        RecordingHandler firstRun = new RecordingHandler();
        chain.deposit(agreement, 6_000);
        assertThat(readToHead(reader("restart", start, 0, firstRun))).isOne();

        RecordingHandler secondRun = new RecordingHandler();
        ChainEventReader restarted = reader("restart", start, 0, secondRun);
        assertThat(readToHead(restarted)).isZero();
        chain.deposit(agreement, 7_000);
        assertThat(readToHead(restarted)).isOne();

        assertThat(firstRun.handled).extracting(event -> ((DepositMade) event).amount()).containsExactly(big(6_000));
        assertThat(secondRun.handled).extracting(event -> ((DepositMade) event).amount()).containsExactly(big(7_000));
        assertThat(rows("restart")).hasSize(2);
    }

    @Test
    void aHandlersFailureRollsTheStepBackSoTheEventComesAgain() throws Exception {
        BigInteger agreement = chain.approvedAgreement(0, 3_600, 0);
        RecordingHandler domain = new RecordingHandler();
        ChainEventReader reader = reader("failing-handler", chain.head() + 1, 0, domain);
        chain.deposit(agreement, 8_000);

        domain.refuseNext(1);
        assertThatThrownBy(reader::poll).hasMessageContaining("the domain refused");
        assertThat(reader.lastHandledBlock()).as("the cursor did not move").isEmpty();
        assertThat(rows("failing-handler")).isEmpty();

        assertThat(readToHead(reader)).isOne();
        assertThat(domain.handled).singleElement().isInstanceOf(DepositMade.class);
    }

    @Test
    void ofTwoReadersUnderOneNameThatReadTheSameBlocksOnlyOneCommits() throws Exception {
        BigInteger agreement = chain.approvedAgreement(0, 3_600, 0);
        long start = chain.head() + 1;
        chain.deposit(agreement, 9_000);
        RecordingHandler late = new RecordingHandler();
        RecordingHandler early = new RecordingHandler();
        ChainEventReader other = reader("no-lock", start, 0, early);
        // the late reader has read the cursor and the logs; the other one commits the same blocks first
        JdbcTransactor jdbc = new JdbcTransactor(database.dataSource());
        Transactor interleaved = new Transactor() {
            private int transactions;

            @Override
            public <T> T inNewTransaction(Work<T> work) {
                if (++transactions == 2) {
                    assertThat(readToHead(other)).isOne();
                }
                return jdbc.inNewTransaction(work);
            }

            @Override
            public <T> T inCurrentTransaction(Work<T> work) {
                return inNewTransaction(work);
            }

            @Override
            public void afterCommit(Runnable action) {
                action.run();
            }
        };
        ChainEventReader reader = new ChainEventReader(interleaved, chain.web3j, chain.settings("no-lock", start, 0), late);

        assertThatThrownBy(reader::poll).isInstanceOf(CursorMoved.class);
        assertThat(early.handled).hasSize(1);
        assertThat(late.handled).isEmpty();
        assertThat(rows("no-lock")).hasSize(1);
    }

    @Test
    void keepsTheHashesOfTheNewest256BlocksForFindingForkPoints() {
        ChainEventStore store = new ChainEventStore();
        List<ChainView.BlockHeader> read = LongStream.rangeClosed(1, 300)
                .mapToObj(n -> new ChainView.BlockHeader(n, blockHash(n), blockHash(n - 1))).toList();
        JdbcTransactor transactor = new JdbcTransactor(database.dataSource());
        transactor.inNewTransaction(connection -> {
            store.rememberBlocks(connection, "retention", read);
            return null;
        });

        List<Cursor> kept = transactor.inNewTransaction(connection -> store.recentBlocks(connection, "retention", 1_000));
        assertThat(kept).hasSize(ChainEventStore.KEPT_BLOCKS);
        assertThat(kept.get(0)).isEqualTo(new Cursor(300, blockHash(300)));
        assertThat(kept.get(kept.size() - 1)).isEqualTo(new Cursor(45, blockHash(45)));
    }

    private static String blockHash(long number) {
        return Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(number), 64);
    }

    private static String withoutPosition(ChainEvent event) {
        return event.toString().replaceFirst("position=[^,]*, ", "");
    }

    private static String termsHashOf(BigInteger agreement) throws Exception {
        return Numeric.toHexString(ServiceEscrow.load(chain.escrowAddress, chain.web3j, chain.consumer, TollwayOnChain.GAS)
                .termsHash(agreement).send());
    }

    private static String settleAfter(TransactionReceipt closeRequest) {
        return Instant.ofEpochSecond(PaymentChannels.getChannelCloseRequestedEvents(closeRequest).get(0).settleAfter.longValueExact()).toString();
    }

    private static String ref(String text) {
        return Numeric.toHexString(Hash.sha3(text.getBytes()));
    }

    private static String hex(byte[] bytes) {
        return Numeric.toHexString(bytes);
    }

    /** The reader's rows: block number, block hash, name and state, in chain order. */
    private static List<String> rows(String reader) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.connect();
             PreparedStatement select = connection.prepareStatement(
                     "select block_number, block_hash, name, state from chain_event where reader = ? order by block_number, id")) {
            select.setString(1, reader);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(row.getLong(1) + " " + row.getString(2) + " " + row.getString(3) + " " + row.getString(4));
                }
            }
        }
        return rows;
    }

    private static String payloadOf(EventPosition position) throws Exception {
        try (Connection connection = database.connect();
             PreparedStatement select = connection.prepareStatement(
                     "select payload::text from chain_event where block_hash = ? and log_index = ?")) {
            select.setString(1, position.blockHash());
            select.setInt(2, position.logIndex());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }
}
