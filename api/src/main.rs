//! `zcps [serve|migrate|openapi|counters rebuild]` — serve is the default.
use std::net::TcpListener;

use zcps::{config::Config, db, router, seed, server, state};

fn fail(message: impl std::fmt::Display) -> ! {
    eprintln!("zcps: {message}");
    std::process::exit(2);
}

fn main() {
    let cmd = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    if cmd == "openapi" {
        let doc = router::openapi_document();
        println!(
            "{}",
            serde_json::to_string_pretty(&doc).expect("serialises")
        );
        return;
    }
    let sub = std::env::args().nth(2);
    let rebuild = cmd == "counters" && sub.as_deref() == Some("rebuild");
    if !matches!(cmd.as_str(), "serve" | "migrate") && !rebuild {
        fail(format!(
            "未知命令 \"{cmd}\"；可用：serve（默认）、migrate、openapi、counters rebuild"
        ));
    }
    tracing_subscriber::fmt()
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .init();
    let mut config = Config::from_env().unwrap_or_else(|e| fail(e));
    config
        .ensure_demo_secret()
        .unwrap_or_else(|e| fail(format!("无法写入数据目录: {e}")));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    rt.block_on(async move {
        let conn = db::connect(&config.database_url).await.unwrap_or_else(|e| {
            fail(format!(
                "无法连接数据库 {}: {e}",
                zcps::config::redact_url(&config.database_url)
            ))
        });
        db::migrate(&conn)
            .await
            .unwrap_or_else(|e| fail(format!("数据库迁移失败: {e}")));
        if cmd == "migrate" {
            println!("数据库迁移完成");
            return;
        }
        if rebuild {
            use zcps::db::WriteTxn;
            let rows = conn
                .write_txn(|txn| Box::pin(zcps::review::counters::rebuild(txn)))
                .await
                .unwrap_or_else(|e| fail(format!("重建计数失败: {}", e.detail)));
            println!("资格审查标签计数已按 {rows} 条审查记录重建");
            return;
        }
        match zcps::review::exports::fail_interrupted(&conn).await {
            Ok(0) => {}
            Ok(n) => eprintln!("{n} 个导出任务因服务重启而中断，已标记为失败"),
            Err(e) => fail(format!("无法整理中断的导出任务: {e}")),
        }
        seed::ensure_admin(&conn, &config)
            .await
            .unwrap_or_else(|e| fail(e));
        if config.demo {
            seed::seed_demo(&conn)
                .await
                .unwrap_or_else(|e| fail(format!("演示数据初始化失败: {}", e.detail)));
            seed::seed_demo_content(&conn)
                .await
                .unwrap_or_else(|e| fail(format!("演示业绩档案初始化失败: {}", e.detail)));
            seed::chain::seed(&conn)
                .await
                .unwrap_or_else(|e| fail(format!("演示申报初始化失败: {}", e.detail)));
        }
        let listener = TcpListener::bind(config.bind)
            .unwrap_or_else(|e| fail(format!("无法监听 {}: {e}", config.bind)));
        println!(
            "zcps 已启动: http://{}/  (API 文档 http://{}/api/docs/)",
            config.bind, config.bind
        );
        if config.demo {
            println!("演示账号：");
            for a in seed::demo_accounts(&config) {
                println!(
                    "  {:<8} {:<6} 用户名 {:<20} 密码 {:<12} {}",
                    a.role, a.login, a.username, a.password, a.note
                );
            }
        }
        let server = server::serve(
            state::AppState::new(conn, config).unwrap_or_else(|e| fail(e)),
            listener,
        )
        .unwrap_or_else(|e| fail(e));
        server.await.unwrap_or_else(|e| fail(e));
    });
}
