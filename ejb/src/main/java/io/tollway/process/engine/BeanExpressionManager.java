package io.tollway.process.engine;

import jakarta.enterprise.inject.spi.BeanManager;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;

/** The engine's expression manager, with CDI beans resolvable by name after process variables. */
final class BeanExpressionManager extends JuelExpressionManager {

    private final BeanManager beanManager;

    BeanExpressionManager(BeanManager beanManager) {
        this.beanManager = beanManager;
    }

    @Override
    protected ELResolver createElResolver() {
        CompositeELResolver resolver = new CompositeELResolver();
        // variables first: a variable named like a bean must not be shadowed by the bean
        resolver.add(super.createElResolver());
        resolver.add(new BeanManagerElResolver(beanManager));
        return resolver;
    }
}
