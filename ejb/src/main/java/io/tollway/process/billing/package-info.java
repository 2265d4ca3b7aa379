/** Delegates of the billingCycle process: glue between its steps and {@link io.tollway.application.agreement.AgreementLife}. */
package io.tollway.process.billing;
