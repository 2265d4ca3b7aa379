-- The chain gateway's outbox. A transaction exists here before it exists anywhere else: the row is
-- written (and committed) before the signed bytes are sent, so a crash at any instant leaves a row
-- that says what to do next, and the raw bytes let it be sent again without signing anew.

-- One persisted nonce sequence per signing key. Only the gateway's sender of that signer takes
-- nonces from it, under a row lock, so concurrent callers never race for one.
create table chain_signer (
    name       varchar(64) primary key,
    address    varchar(42) not null,
    next_nonce bigint      not null
);

create table chain_transaction (
    id                       bigserial    primary key,
    -- for which agreement (or other subject) and which step of its life: the idempotency key
    subject                  varchar(100) not null,
    step                     varchar(100) not null,
    signer                   varchar(64)  not null references chain_signer (name),
    -- what, for people: e.g. "ServiceEscrow.bill"
    description              varchar(200) not null,
    to_address               varchar(42)  not null,
    value                    numeric(78)  not null,
    call_data                bytea        not null,
    -- null: estimated when the transaction is signed
    gas_limit                bigint,
    state                    varchar(12)  not null,
    nonce                    bigint,
    max_fee_per_gas          numeric(78),
    max_priority_fee_per_gas numeric(78),
    raw_transaction          bytea,
    hash                     varchar(66),
    attempts                 integer      not null default 0,
    block_number             bigint,
    block_hash               varchar(66),
    gas_used                 bigint,
    effective_gas_price      numeric(78),
    revert_reason            text,
    last_error               text,
    requested_at             timestamptz  not null,
    submitted_at             timestamptz,
    mined_at                 timestamptz,
    finished_at              timestamptz,
    -- when the waiting process was told; set in the same transaction as the final state
    announced_at             timestamptz,
    constraint chain_transaction_step unique (subject, step),
    constraint chain_transaction_nonce unique (signer, nonce),
    constraint chain_transaction_state check (state in ('PREPARED', 'SUBMITTED', 'MINED', 'CONFIRMED', 'REVERTED', 'DROPPED'))
);

-- The sender and the tracker only ever look at unfinished rows.
create index chain_transaction_open on chain_transaction (signer, state, nonce)
    where state in ('PREPARED', 'SUBMITTED', 'MINED', 'DROPPED');

-- Every signed version of a transaction. A dropped transaction is signed again with a higher fee
-- under the same nonce; the first version may still be mined, so receipts are looked up for all.
create table chain_transaction_attempt (
    hash                     varchar(66) primary key,
    transaction_id           bigint      not null references chain_transaction (id),
    nonce                    bigint      not null,
    max_fee_per_gas          numeric(78) not null,
    max_priority_fee_per_gas numeric(78) not null,
    signed_at                timestamptz not null
);

create index chain_transaction_attempt_of on chain_transaction_attempt (transaction_id);
