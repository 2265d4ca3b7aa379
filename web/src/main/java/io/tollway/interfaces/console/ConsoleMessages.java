package io.tollway.interfaces.console;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** Messages to the console's user: what happened, or why not, in words; never an exception's trace. */
final class ConsoleMessages {

    private ConsoleMessages() {
    }

    static void info(String text) {
        add(FacesMessage.SEVERITY_INFO, text);
    }

    static void error(String text) {
        add(FacesMessage.SEVERITY_ERROR, text);
    }

    private static void add(FacesMessage.Severity severity, String text) {
        FacesContext context = FacesContext.getCurrentInstance();
        context.addMessage(null, new FacesMessage(severity, text, null));
        // survives the redirect after a POST
        context.getExternalContext().getFlash().setKeepMessages(true);
    }
}
