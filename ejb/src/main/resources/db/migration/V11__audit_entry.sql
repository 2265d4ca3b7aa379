-- Every action an administrator or approver takes in the console (who, when, what, on which
-- subject), shown on the subject's page. Rows are only ever inserted: the log is evidence.
create table audit_entry (
    id           bigserial    primary key,
    at           timestamptz  not null,
    actor        varchar(200) not null,
    subject_type varchar(40)  not null,
    subject_id   varchar(200) not null,
    action       varchar(80)  not null,
    detail       varchar(2000)
);
create index audit_entry_subject on audit_entry (subject_type, subject_id, at);
