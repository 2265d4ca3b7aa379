-- A step whose call rides in a batch transaction (the escrow's bills, sent as billMany). The
-- member is written in the asking job's transaction, as a chain_transaction row is; the sender
-- later makes one chain_transaction of the members that wait for the same batch key and points
-- them at it. Members take their ids from the transactions' sequence: the process waits on
-- "chainTransaction-<id>", and a member's id never names a transaction.
create table chain_transaction_member (
    id             bigint       primary key default nextval('chain_transaction_id_seq'),
    subject        varchar(100) not null,
    step           varchar(100) not null,
    signer         varchar(64)  not null references chain_signer (name),
    batch_key      varchar(200) not null,
    description    varchar(200) not null,
    to_address     varchar(42)  not null,
    call_data      bytea        not null,
    requested_at   timestamptz  not null,
    -- the batch that carries the call; null while it waits for one
    transaction_id bigint       references chain_transaction (id),
    constraint chain_transaction_member_step unique (subject, step)
);

create index chain_transaction_member_waiting on chain_transaction_member (signer, batch_key, id)
    where transaction_id is null;
create index chain_transaction_member_of on chain_transaction_member (transaction_id);
