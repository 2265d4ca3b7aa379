-- Addresses of the contracts Tollway uses, with the chain they live on. A node on another chain
-- than the recorded one is refused instead of being sent transactions for foreign addresses.
create table deployed_contract (
    name        varchar(64) primary key,
    chain_id    bigint      not null,
    address     varchar(42) not null,
    deployed_at timestamptz not null
);
