//! Accounts, the organisation tree (with its closure table for jurisdiction
//! checks) and refresh-token families.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OrgUnits {
    Table,
    Id,
    Name,
    Kind,
    ParentId,
    CreditCode,
    Level,
    Status,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OrgClosure {
    Table,
    AncestorId,
    DescendantId,
    Depth,
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
    Role,
    Username,
    Name,
    Phone,
    PasswordHash,
    OrgUnitId,
    IdNumber,
    Gender,
    BirthDate,
    Status,
    FailedLogins,
    LockedUntil,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    Id,
    AccountId,
    FamilyId,
    TokenHash,
    ExpiresAt,
    UsedAt,
    RevokedAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OrgUnits::Table)
                    .col(pk_uuid(OrgUnits::Id))
                    .col(string_len(OrgUnits::Name, 200))
                    .col(string_len(OrgUnits::Kind, 20))
                    .col(uuid_null(OrgUnits::ParentId))
                    .col(string_len_null(OrgUnits::CreditCode, 18))
                    .col(integer(OrgUnits::Level))
                    .col(string_len(OrgUnits::Status, 30))
                    .col(timestamp_with_time_zone(OrgUnits::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OrgUnits::Table, OrgUnits::ParentId)
                            .to(OrgUnits::Table, OrgUnits::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col, unique) in [
            ("idx_org_units_parent", OrgUnits::ParentId, false),
            ("idx_org_units_name", OrgUnits::Name, false),
            ("idx_org_units_credit_code", OrgUnits::CreditCode, true),
        ] {
            let mut idx = Index::create();
            idx.name(name).table(OrgUnits::Table).col(col);
            if unique {
                idx.unique();
            }
            manager.create_index(idx.to_owned()).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_org_units_kind_name")
                    .table(OrgUnits::Table)
                    .col(OrgUnits::Kind)
                    .col(OrgUnits::Name)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OrgClosure::Table)
                    .col(uuid(OrgClosure::AncestorId))
                    .col(uuid(OrgClosure::DescendantId))
                    .col(integer(OrgClosure::Depth))
                    .primary_key(
                        Index::create()
                            .col(OrgClosure::AncestorId)
                            .col(OrgClosure::DescendantId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OrgClosure::Table, OrgClosure::AncestorId)
                            .to(OrgUnits::Table, OrgUnits::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OrgClosure::Table, OrgClosure::DescendantId)
                            .to(OrgUnits::Table, OrgUnits::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_org_closure_descendant")
                    .table(OrgClosure::Table)
                    .col(OrgClosure::DescendantId)
                    .col(OrgClosure::AncestorId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Accounts::Table)
                    .col(pk_uuid(Accounts::Id))
                    .col(string_len(Accounts::Role, 20))
                    .col(string_len_uniq(Accounts::Username, 64))
                    .col(string_len(Accounts::Name, 100))
                    .col(string_len(Accounts::Phone, 20))
                    .col(string_len(Accounts::PasswordHash, 200))
                    .col(uuid_null(Accounts::OrgUnitId))
                    .col(string_len_null(Accounts::IdNumber, 18))
                    .col(string_len_null(Accounts::Gender, 4))
                    .col(date_null(Accounts::BirthDate))
                    .col(string_len(Accounts::Status, 30))
                    .col(integer(Accounts::FailedLogins).default(0))
                    .col(timestamp_with_time_zone_null(Accounts::LockedUntil))
                    .col(timestamp_with_time_zone(Accounts::CreatedAt))
                    .col(timestamp_with_time_zone(Accounts::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Accounts::Table, Accounts::OrgUnitId)
                            .to(OrgUnits::Table, OrgUnits::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_accounts_id_number")
                    .table(Accounts::Table)
                    .col(Accounts::IdNumber)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_accounts_role_phone")
                    .table(Accounts::Table)
                    .col(Accounts::Role)
                    .col(Accounts::Phone)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_accounts_org_unit")
                    .table(Accounts::Table)
                    .col(Accounts::OrgUnitId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RefreshTokens::Table)
                    .col(pk_uuid(RefreshTokens::Id))
                    .col(uuid(RefreshTokens::AccountId))
                    .col(uuid(RefreshTokens::FamilyId))
                    .col(string_len_uniq(RefreshTokens::TokenHash, 64))
                    .col(timestamp_with_time_zone(RefreshTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(RefreshTokens::UsedAt))
                    .col(timestamp_with_time_zone_null(RefreshTokens::RevokedAt))
                    .col(timestamp_with_time_zone(RefreshTokens::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RefreshTokens::Table, RefreshTokens::AccountId)
                            .to(Accounts::Table, Accounts::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_refresh_tokens_family")
                    .table(RefreshTokens::Table)
                    .col(RefreshTokens::FamilyId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RefreshTokens::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Accounts::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(OrgClosure::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(OrgUnits::Table).to_owned())
            .await
    }
}
