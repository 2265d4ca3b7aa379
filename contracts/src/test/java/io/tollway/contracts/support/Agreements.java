package io.tollway.contracts.support;

import io.tollway.contracts.generated.ServiceEscrow;
import java.math.BigInteger;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Short ways to bring an escrow agreement into a given status. */
public final class Agreements {

    public static final String NO_ARBITER = "0x0000000000000000000000000000000000000000";

    private final Tollway tollway;

    public Agreements(Tollway tollway) {
        this.tollway = tollway;
    }

    /** Terms of an agreement. */
    public record Terms(BigInteger setupFee, BigInteger baseFeePerHour, BigInteger variableFeePerHour,
            long lockupSeconds, String arbiter) {

        public static Terms of(BigInteger setupFee, BigInteger base, BigInteger variable) {
            return new Terms(setupFee, base, variable, 0, NO_ARBITER);
        }

        public Terms withLockup(long seconds) {
            return new Terms(setupFee, baseFeePerHour, variableFeePerHour, seconds, arbiter);
        }

        public Terms withArbiter(String address) {
            return new Terms(setupFee, baseFeePerHour, variableFeePerHour, lockupSeconds, address);
        }

        public BigInteger lockupAmount() {
            return baseFeePerHour.multiply(BigInteger.valueOf(lockupSeconds)).divide(BigInteger.valueOf(3600));
        }
    }

    public BigInteger created(Party consumer, Party provider) throws Exception {
        TransactionReceipt receipt = tollway.escrow(consumer).createAgreement(consumer.address(), provider.address()).send();
        return tollway.escrow(consumer).getAgreementCreatedEvents(receipt).get(0).id;
    }

    public BigInteger ready(Party consumer, Party provider, Terms terms) throws Exception {
        BigInteger id = created(consumer, provider);
        setTerms(provider, id, terms);
        tollway.escrow(consumer).setMetadata(id, "service #" + id).send();
        return id;
    }

    public void setTerms(Party provider, BigInteger id, Terms terms) throws Exception {
        tollway.escrow(provider).setTerms(id, terms.setupFee(), terms.baseFeePerHour(), terms.variableFeePerHour(),
                BigInteger.valueOf(terms.lockupSeconds()), terms.arbiter()).send();
    }

    public BigInteger approved(Party consumer, Party provider, Terms terms) throws Exception {
        BigInteger id = ready(consumer, provider, terms);
        byte[] hash = tollway.escrow(consumer).termsHash(id).send();
        tollway.escrow(consumer).approve(id, hash).send();
        tollway.escrow(provider).approve(id, hash).send();
        return id;
    }

    /** An active agreement: approved and funded with {@code deposit}. */
    public BigInteger active(Party consumer, Party provider, Terms terms, BigInteger deposit) throws Exception {
        BigInteger id = approved(consumer, provider, terms);
        tollway.escrow(consumer).deposit(id, deposit).send();
        return id;
    }

    public ServiceEscrow.AgreementView view(BigInteger id) throws Exception {
        return tollway.escrow(tollway.chain().party(0)).agreement(id).send();
    }

    public int status(BigInteger id) throws Exception {
        return view(id).status.intValueExact();
    }
}
