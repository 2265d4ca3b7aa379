/** Delegates of the agreementTermination process: glue between its steps and {@link io.tollway.application.agreement.AgreementLife}. */
package io.tollway.process.termination;
