-- What the agreement processes record: the consumer's public key (credentials are sealed to it),
-- the provider's provisioning answer, the sealed credentials, and the escrow's mirror of the chain.
alter table agreement add column consumer_public_key varchar(130);
alter table agreement add column provisioning_state  varchar(20);
alter table agreement add column provisioning_note   varchar(500);
alter table agreement add column provisioned         boolean not null default false;
alter table agreement add column sealed_credentials  text;
alter table agreement add column escrow_deposited    numeric(78) not null default 0;
alter table agreement add column escrow_remaining    numeric(78) not null default 0;
alter table agreement add column last_bill_at        timestamptz;
alter table agreement add column bill_count          integer not null default 0;

-- One bill of an escrow agreement: prepared (PENDING), then what the chain paid. Its number is the
-- chain step's key, so a retried job finds the bill and the transaction it already asked for.
create table bill (
    id                   bigserial   primary key,
    agreement_id         varchar(36) not null references agreement (id),
    number               integer     not null,
    ref                  varchar(66) not null,
    prepared_at          timestamptz not null,
    variable_amount      numeric(78) not null,
    state                varchar(20) not null,
    base_amount          numeric(78),
    paid                 numeric(78),
    billed_seconds       bigint,
    chain_transaction_id bigint,
    settled_at           timestamptz,
    constraint bill_number unique (agreement_id, number),
    constraint bill_state check (state in ('PENDING', 'PAID', 'OUT_OF_FUNDS', 'REJECTED'))
);

-- Usage reported by the provider's service controller; the idempotency key makes a replay harmless.
create table usage_report (
    id              bigserial    primary key,
    agreement_id    varchar(36)  not null references agreement (id),
    idempotency_key varchar(100) not null,
    amount          numeric(78)  not null,
    reported_at     timestamptz  not null,
    bill_number     integer,
    constraint usage_report_key unique (agreement_id, idempotency_key)
);
create index usage_report_unbilled_idx on usage_report (agreement_id) where bill_number is null;
