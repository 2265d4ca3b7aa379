/** The audit log: who did what to which subject, and when. */
package io.tollway.domain.model.audit;
