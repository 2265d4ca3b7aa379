package io.tollway.domain.model.account;

import java.util.Locale;

/** What a caller may do. The lower-case name is the role name used by the API's and console's checks. */
public enum Role {
    ADMIN, APPROVER, PROVIDER, CONSUMER;

    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
