/** Delegates of the agreementApproval process: glue between its steps and {@link io.tollway.application.agreement.AgreementLife}. */
package io.tollway.process.approval;
