-- The payment channel of a CHANNEL agreement as Tollway keeps it: the channel's identity on chain
-- (from its ChannelCreated event, never from a request), the deposit, the units reported, the best
-- cheque, and the service's state by the channel's rules. One row per agreement, written in the
-- transaction that handles the event or the request that changed it.
create table agreement_channel (
    agreement_id      varchar(36) primary key references agreement (id),
    channel_key       varchar(66) not null unique,
    consumer          varchar(42) not null,
    agent             varchar(42) not null,
    open_block        bigint      not null,
    offering_hash     varchar(66) not null,
    deposit           numeric(78) not null,
    units             bigint      not null default 0,
    best_balance      numeric(78),
    best_signature    varchar(140),
    state             varchar(20) not null,
    termination_cause varchar(40),
    opened_at         timestamptz not null,
    active_since      timestamptz not null,
    last_usage_at     timestamptz,
    suspended_since   timestamptz,
    claimed_at_close  numeric(78),
    closed_balance    numeric(78),
    version           bigint      not null default 0,
    constraint agreement_channel_state check (state in ('ACTIVE', 'SUSPENDED', 'TERMINATED'))
);

-- Every cheque accepted for a channel, strictly increasing per agreement: the best is the last.
create table cheque (
    id           bigserial   primary key,
    agreement_id varchar(36) not null references agreement (id),
    balance      numeric(78) not null,
    signature    varchar(140) not null,
    received_at  timestamptz not null,
    constraint cheque_balance unique (agreement_id, balance)
);
