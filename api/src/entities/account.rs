use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "accounts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub role: String,
    #[sea_orm(unique)]
    pub username: String,
    pub name: String,
    pub phone: String,
    pub password_hash: String,
    pub org_unit_id: Option<Uuid>,
    pub id_number: Option<String>,
    pub gender: Option<String>,
    pub birth_date: Option<Date>,
    pub status: String,
    pub failed_logins: i32,
    pub locked_until: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
