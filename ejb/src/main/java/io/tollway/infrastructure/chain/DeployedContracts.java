package io.tollway.infrastructure.chain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.LinkedHashMap;
import java.util.Map;

/** The addresses of Tollway's contracts as recorded for this deployment. */
@ApplicationScoped
public class DeployedContracts {

    @PersistenceContext(unitName = "tollway")
    private EntityManager em;

    /** Contract name to address, by name. */
    public Map<String, String> addresses() {
        Map<String, String> addresses = new LinkedHashMap<>();
        em.createQuery("select c from DeployedContract c order by c.name", DeployedContract.class)
                .getResultList()
                .forEach(contract -> addresses.put(contract.name(), contract.address()));
        return addresses;
    }
}
