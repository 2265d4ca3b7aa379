-- People who sign in to the console (form login). Unlike API keys, passwords are chosen by people
-- and can be guessed from a dictionary, so only a salted, stretched PBKDF2 hash is kept
-- ("PBKDF2WithHmacSHA256:<iterations>:<salt>:<hash>", base64), never the password or a plain digest.
create table console_user (
    username      varchar(100) primary key,
    display_name  varchar(200) not null,
    role          varchar(20)  not null,
    password_hash varchar(300) not null,
    enabled       boolean      not null default true,
    created_at    timestamptz  not null,
    constraint console_user_role check (role in ('ADMIN', 'APPROVER')),
    constraint console_user_hash check (password_hash like 'PBKDF2WithHmacSHA256:%')
);
