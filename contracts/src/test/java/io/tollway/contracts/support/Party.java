package io.tollway.contracts.support;

import org.web3j.crypto.Credentials;
import org.web3j.tx.TransactionManager;

/** A test account: its key and the one transaction manager that sends with it. */
public record Party(String name, Credentials credentials, TransactionManager transactions) {

    public String address() {
        return credentials.getAddress();
    }

    @Override
    public String toString() {
        return name + "(" + address() + ")";
    }
}
