package io.tollway.interfaces.console;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where the console's browser libraries are served from: their WebJars in the WAR's lib
 * (Servlet serves a jar's META-INF/resources), at the versions pinned in the parent POM.
 */
@Named
@ApplicationScoped
public class ConsoleLibraries {

    private Properties versions;

    @PostConstruct
    void load() {
        versions = new Properties();
        try (InputStream in = ConsoleLibraries.class.getResourceAsStream("/console-libraries.properties")) {
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String getBpmnViewer() {
        return "/webjars/bpmn-js/" + versions.getProperty("bpmn-js") + "/dist/bpmn-navigated-viewer.production.min.js";
    }

    public String getBpmnStyles() {
        return "/webjars/bpmn-js/" + versions.getProperty("bpmn-js") + "/dist/assets/diagram-js.css";
    }

    public String getChart() {
        return "/webjars/chart.js/" + versions.getProperty("chart.js") + "/dist/chart.umd.js";
    }
}
