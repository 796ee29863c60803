use sea_orm::entity::prelude::*;

/// What an uploaded file is for; also the first segment of its storage key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
pub enum FilePurpose {
    /// 单位证件（无统一社会信用代码的单位注册）
    #[sea_orm(string_value = "registration")]
    Registration,
    /// 授权委托证明
    #[sea_orm(string_value = "authorisation")]
    Authorisation,
    /// 业绩档案附件
    #[sea_orm(string_value = "archive")]
    Archive,
    /// 申报证件照
    #[sea_orm(string_value = "photo")]
    Photo,
    /// 真实性保证书签名
    #[sea_orm(string_value = "signature")]
    Signature,
    /// 申报材料附件
    #[sea_orm(string_value = "declaration")]
    Declaration,
    /// 导出的名单、公示表（xlsx）
    #[sea_orm(string_value = "export")]
    Export,
}

impl FilePurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            FilePurpose::Registration => "registration",
            FilePurpose::Authorisation => "authorisation",
            FilePurpose::Archive => "archive",
            FilePurpose::Photo => "photo",
            FilePurpose::Signature => "signature",
            FilePurpose::Declaration => "declaration",
            FilePurpose::Export => "export",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "files")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub owner_id: Option<Uuid>,
    pub purpose: FilePurpose,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub storage_key: String,
    pub original_name: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::Iterable;

    #[test]
    fn purposes_are_stored_as_their_key_segment() {
        for p in FilePurpose::iter() {
            assert_eq!(p.to_value(), p.as_str());
        }
    }
}
