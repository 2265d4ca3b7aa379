package io.tollway.interfaces.console.security;

/** The console's roles; each is also the group its users are in (glassfish-web.xml maps one to the other). */
public final class ConsoleRoles {

    public static final String ADMIN = "admin";
    public static final String APPROVER = "approver";

    private ConsoleRoles() {
    }
}
