package io.tollway.infrastructure.chain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The addresses of Tollway's contracts as recorded for this deployment. They are recorded when the
 * application starts, before anything asks ({@link DevContracts}), and stay as they are while it
 * runs: the first complete answer is kept, so the requests that need an address (every read of an
 * agreement names its contract) do not ask the database each time.
 */
@ApplicationScoped
public class DeployedContracts {

    @PersistenceContext(unitName = "tollway")
    private EntityManager em;

    private volatile Map<String, String> known;

    /** Contract name to address, by name. */
    public Map<String, String> addresses() {
        Map<String, String> addresses = known;
        if (addresses != null) {
            return addresses;
        }
        Map<String, String> read = new LinkedHashMap<>();
        em.createQuery("select c from DeployedContract c order by c.name", DeployedContract.class)
                .getResultList()
                .forEach(contract -> read.put(contract.name(), contract.address()));
        addresses = Collections.unmodifiableMap(read);
        if (read.keySet().containsAll(DevContracts.ALL)) {
            known = addresses;
        }
        return addresses;
    }
}
