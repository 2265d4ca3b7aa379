-- Agreements and their status history (see io.tollway.domain.model.agreement.Agreement). The
-- terms are the offering's terms at request time, kept as JSON with their hash: approvals name
-- the hash they approved, so approvals of older terms are visibly void.
create table agreement (
    id                     varchar(36)  primary key,
    offering_id            varchar(36)  not null references offering (id),
    provider_id            varchar(100) not null,
    consumer_id            varchar(100) not null,
    consumer_address       varchar(42)  not null,
    settlement_model       varchar(20)  not null,
    terms                  text         not null,
    terms_hash             varchar(66)  not null,
    consumer_approved_hash varchar(66),
    provider_approved_hash varchar(66),
    status                 varchar(20)  not null,
    termination_cause      varchar(30),
    on_chain_id            varchar(66),
    requested_at           timestamptz  not null,
    version                bigint       not null
);

-- a tenant only ever lists its own agreements
create index agreement_consumer_idx on agreement (consumer_id, requested_at desc);
create index agreement_provider_idx on agreement (provider_id, requested_at desc);
create index agreement_status_idx on agreement (status, settlement_model);
create unique index agreement_on_chain_idx on agreement (settlement_model, on_chain_id) where on_chain_id is not null;

create table agreement_status_change (
    agreement_id varchar(36) not null references agreement (id),
    position     integer     not null,
    changed_at   timestamptz not null,
    from_status  varchar(20),
    to_status    varchar(20) not null,
    reason       varchar(500),
    primary key (agreement_id, position)
);
