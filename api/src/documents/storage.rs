//! One storage layer for uploads and exports: a local directory by default, S3-compatible
//! object storage with the `s3` cargo feature and `ZCPS_STORAGE=s3`.
use std::sync::Arc;

use bytes::Bytes;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, local::LocalFileSystem, path::Path};

use crate::error::{AppError, AppResult};

#[derive(Clone)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
}

impl Storage {
    /// Files under `dir` (created if missing).
    pub fn local(dir: &std::path::Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let fs = LocalFileSystem::new_with_prefix(dir).map_err(std::io::Error::other)?;
        Ok(Self {
            store: Arc::new(fs),
        })
    }

    /// S3-compatible storage configured by the standard `AWS_*` variables and `ZCPS_S3_BUCKET`.
    #[cfg(feature = "s3")]
    pub fn s3(bucket: &str) -> Result<Self, String> {
        let s3 = object_store::aws::AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Self {
            store: Arc::new(s3),
        })
    }

    pub async fn put(&self, key: &str, bytes: Bytes) -> AppResult<()> {
        self.store
            .put(&Path::from(key), PutPayload::from_bytes(bytes))
            .await
            .map_err(|e| {
                tracing::error!(error = %e, key, "storage put failed");
                AppError::internal()
            })?;
        Ok(())
    }

    /// Removes the object at `key`; an object that is already gone is not an error.
    pub async fn delete(&self, key: &str) -> AppResult<()> {
        match self.store.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => {
                tracing::error!(error = %e, key, "storage delete failed");
                Err(AppError::internal())
            }
        }
    }

    pub async fn get(&self, key: &str) -> AppResult<Bytes> {
        let res = self.store.get(&Path::from(key)).await.map_err(|e| {
            tracing::error!(error = %e, key, "storage get failed");
            AppError::not_found()
        })?;
        res.bytes().await.map_err(|e| {
            tracing::error!(error = %e, key, "storage read failed");
            AppError::internal()
        })
    }
}
