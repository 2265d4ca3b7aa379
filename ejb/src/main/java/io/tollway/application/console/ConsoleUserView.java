package io.tollway.application.console;

/** A signed-in console user: the name that audit entries carry, and the role name the web module's checks use. */
public record ConsoleUserView(String username, String displayName, String role) {
}
