package io.tollway.infrastructure.chain.escrow;

import io.tollway.domain.model.agreement.EscrowTerms;
import io.tollway.infrastructure.chain.Abi;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.Log;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the contract would refuse is refused where the call is built, naming the argument. */
class EscrowCallsArgumentsTest {

    private static final String ESCROW = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final String CONSUMER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String PROVIDER = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private static final BigInteger ID = BigInteger.ONE;
    private static final String REF = Abi.keccak("bill-1");

    @Test
    void feesAndLockupMustFitTheContractsStorage() {
        BigInteger uint96 = BigInteger.TWO.pow(96);
        // the terms themselves refuse what the contract's storage cannot hold, so no such call can be built
        assertThatThrownBy(() -> new EscrowTerms(BigInteger.ZERO, uint96, BigInteger.ZERO, 0)).hasMessageContaining("baseFeePerHour");
        assertThatThrownBy(() -> new EscrowTerms(BigInteger.ZERO, BigInteger.ONE, BigInteger.ZERO, 1L << 32)).hasMessageContaining("lockupSeconds");
        EscrowTerms largest = new EscrowTerms(uint96.subtract(BigInteger.ONE), uint96.subtract(BigInteger.ONE), BigInteger.ZERO, (1L << 32) - 1);
        assertThat(EscrowCalls.setTerms(ESCROW, ID, largest, Abi.NO_ADDRESS).description()).isEqualTo("ServiceEscrow.setTerms");
    }

    @Test
    void metadataIsOneTo256BytesOfUtf8() {
        assertThatThrownBy(() -> EscrowCalls.setMetadata(ESCROW, ID, "")).hasMessageContaining("metadata");
        assertThatThrownBy(() -> EscrowCalls.setMetadata(ESCROW, ID, "ü".repeat(129))).as("258 bytes").hasMessageContaining("258");
        assertThat(EscrowCalls.setMetadata(ESCROW, ID, "ü".repeat(128)).description()).isEqualTo("ServiceEscrow.setMetadata");
    }

    @Test
    void partiesIdsAndReferencesAreChecked() {
        assertThatThrownBy(() -> EscrowCalls.createAgreement(ESCROW, CONSUMER, CONSUMER.toUpperCase().replace("0X", "0x")))
                .hasMessageContaining("different");
        assertThatThrownBy(() -> EscrowCalls.createAgreement(ESCROW, Abi.NO_ADDRESS, PROVIDER)).hasMessageContaining("consumer");
        assertThatThrownBy(() -> EscrowCalls.createAgreement(ESCROW, "0x1234", PROVIDER)).hasMessageContaining("consumer");
        assertThatThrownBy(() -> EscrowCalls.stop(ESCROW, BigInteger.ZERO)).as("ids start at 1").hasMessageContaining("onChainId");
        assertThatThrownBy(() -> EscrowCalls.bill(ESCROW, ID, BigInteger.ONE.negate(), REF)).hasMessageContaining("variableAmount");
        assertThatThrownBy(() -> EscrowCalls.bill(ESCROW, ID, BigInteger.ONE, "0x12")).hasMessageContaining("ref");
        assertThatThrownBy(() -> EscrowCalls.billMany(ESCROW, List.of())).hasMessageContaining("bills");
        assertThatThrownBy(() -> EscrowWalletCalls.deposit(ESCROW, ID, BigInteger.ZERO)).hasMessageContaining("amount");
        assertThatThrownBy(() -> EscrowCalls.approve(ESCROW, ID, "not a hash")).hasMessageContaining("termsHash");
    }

    @Test
    void anAgreementCreatedEventOfAnotherContractIsNotTheId() {
        Log log = new Log();
        log.setAddress(ESCROW);
        log.setTopics(List.of(
                "0x" + org.web3j.abi.EventEncoder.encode(io.tollway.contracts.generated.ServiceEscrow.AGREEMENTCREATED_EVENT).substring(2),
                "0x" + "0".repeat(63) + "7", "0x" + "0".repeat(24) + CONSUMER.substring(2), "0x" + "0".repeat(24) + PROVIDER.substring(2)));
        log.setData("0x" + "0".repeat(24) + CONSUMER.substring(2));

        assertThat(EscrowReader.createdAgreementId(ESCROW, List.of(log))).contains(BigInteger.valueOf(7));
        assertThat(EscrowReader.createdAgreementId(PROVIDER, List.of(log))).isEmpty();
    }
}
