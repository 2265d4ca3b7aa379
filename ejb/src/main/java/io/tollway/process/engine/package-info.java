/**
 * The embedded Camunda engine: its bootstrap, the transaction and thread adapters that make it a
 * good citizen of the container, and bean resolution for BPMN expressions. The rest of Tollway
 * reaches the engine through {@link io.tollway.process.engine.ProcessEngineBootstrap#engine()}.
 */
package io.tollway.process.engine;
