package io.tollway.infrastructure.chain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** Where one of Tollway's contracts lives, and on which chain. */
@Entity
@Table(name = "deployed_contract")
public class DeployedContract {

    @Id
    private String name;

    @Column(name = "chain_id", nullable = false)
    private long chainId;

    @Column(nullable = false)
    private String address;

    @Column(name = "deployed_at", nullable = false)
    private OffsetDateTime deployedAt;

    protected DeployedContract() {
        // for JPA
    }

    public DeployedContract(String name, long chainId, String address, OffsetDateTime deployedAt) {
        this.name = name;
        this.chainId = chainId;
        this.address = address;
        this.deployedAt = deployedAt;
    }

    public String name() {
        return name;
    }

    public long chainId() {
        return chainId;
    }

    public String address() {
        return address;
    }
}
