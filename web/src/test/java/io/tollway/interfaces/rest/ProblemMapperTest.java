package io.tollway.interfaces.rest;

import jakarta.ejb.EJBException;
import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.persistence.OptimisticLockException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemMapperTest {

    @Test
    void anOptimisticLockHoweverDeeplyWrappedIsAConcurrentUpdate() {
        EJBException wrapped = new EJBException(new IllegalStateException("commit failed", new OptimisticLockException("row changed")));

        assertThat(ProblemMapper.isConcurrentUpdate(wrapped)).isTrue();
        assertThat(ProblemMapper.isConcurrentUpdate(new EJBTransactionRolledbackException("rolled back",
                new OptimisticLockException()))).isTrue();
        assertThat(ProblemMapper.isConcurrentUpdate(new SubclassOfTheLock())).isTrue();
    }

    @Test
    void aDeadlockPostgreSqlEndedIsAConcurrentUpdate() {
        assertThat(ProblemMapper.isConcurrentUpdate(new EJBException(new RuntimeException("flush failed",
                new java.sql.SQLException("ERROR: deadlock detected", "40P01"))))).isTrue();
        assertThat(ProblemMapper.isConcurrentUpdate(new RuntimeException(new java.sql.SQLException("syntax", "42601")))).isFalse();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(ProblemMapper.isConcurrentUpdate(new EJBException(new IllegalStateException("boom")))).isFalse();
        assertThat(ProblemMapper.isConcurrentUpdate(new RuntimeException())).isFalse();
    }

    private static final class SubclassOfTheLock extends OptimisticLockException {
    }
}
