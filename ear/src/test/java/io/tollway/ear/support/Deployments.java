package io.tollway.ear.support;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

import java.io.File;

/** What the end-to-end tests deploy: the EAR exactly as the build made it, nothing added. */
public final class Deployments {

    private Deployments() {
    }

    public static EnterpriseArchive tollway() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("tollway.ear")));
    }
}
