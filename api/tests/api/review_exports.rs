//! 导出名单（花名册）and 导出公示表 — on SQLite and PostgreSQL: background jobs with progress,
//! the xlsx opened and read back (headers, names, the full ID number in the roster and the
//! masked one in the publicity table), the list's filters, and who may see a job.
use std::io::Cursor;

use calamine::{Reader, Xlsx, open_workbook_from_rs};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::actors::Actor;
use crate::declarations::{complete_draft_for, demo_plan, json_of, own_plan, submit};
use crate::fixtures::team;
use crate::helpers::*;

const EXPORTS: &str = "/api/v1/reviews/exports";

/// Starts an export and polls it until it is done; returns the finished job.
async fn export(who: &Actor, body: Value) -> Value {
    let job = json_of(who.post(EXPORTS, body).await, 202).await;
    let id = job["id"].as_str().unwrap().to_owned();
    for _ in 0..200 {
        let j = json_of(who.get(&format!("{EXPORTS}/{id}")).await, 200).await;
        match j["status"].as_str().unwrap() {
            "done" => return j,
            "failed" => panic!("export failed: {j}"),
            _ => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
        }
    }
    panic!("export {id} did not finish");
}

/// Downloads a finished job's file; returns the Content-Disposition and the sheet's cells.
async fn download(who: &Actor, job: &Value, sheet: &str) -> (String, Vec<Vec<String>>) {
    let res = who
        .get(job["download_url"].as_str().expect("download_url"))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    let bytes = res.bytes().await.unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("an xlsx");
    let range = wb.worksheet_range(sheet).expect("the sheet");
    let cells = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    (disposition, cells)
}

/// The applicants' names and ID numbers, from the employer's review rows.
async fn applicants(app: &TestApp) -> Vec<(String, String)> {
    let rows = app
        .db
        .query_all_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            "SELECT applicant_name, id_number FROM declaration_reviews ORDER BY applicant_name",
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|r| {
            (
                r.try_get::<String>("", "applicant_name").unwrap(),
                r.try_get::<String>("", "id_number").unwrap(),
            )
        })
        .collect()
}

dual!(roster_and_publicity_follow_the_list, |app| {
    let team = team::approved(&app, 2).await;
    let employer = &team.employer;
    let (a, b) = (&team.staff[0].actor, &team.staff[1].actor);
    let demo = demo_plan(a).await;
    let other = own_plan(&app, -1, 30, true).await;
    for (me, plan) in [(a, &demo), (b, &demo), (a, &other)] {
        let id = complete_draft_for(&app, me, plan).await;
        json_of(submit(me, &id, None, "").await, 200).await;
    }
    let people = applicants(&app).await;
    assert_eq!(people.len(), 3, "{people:?}");
    let (name, id_number) = people[0].clone();

    // 花名册 of the pending tab: every declaration, full ID numbers
    let job = export(
        employer,
        json!({"kind": "roster", "filters": {"kind": "review", "tab": "pending"}}),
    )
    .await;
    assert_eq!(job["kind_label"], "花名册");
    assert_eq!(job["total"], 3, "{job}");
    assert_eq!(job["done"], 3);
    assert_eq!(job["percent"], 100);
    let (disposition, cells) = download(employer, &job, "花名册").await;
    assert!(
        disposition.starts_with("attachment;") && disposition.contains("filename*=UTF-8''"),
        "{disposition}"
    );
    let file_name = job["file_name"].as_str().unwrap();
    assert!(
        file_name.contains("花名册") && file_name.ends_with(".xlsx"),
        "{file_name}"
    );
    assert_eq!(
        cells[0],
        [
            "序号",
            "姓名",
            "性别",
            "身份证号",
            "出生日期",
            "工作单位",
            "申报年度",
            "申报计划",
            "申报类型",
            "申报专业",
            "专业技术资格",
            "受理部门/评委会",
            "审查状态",
            "申报时间",
            "审查意见"
        ]
    );
    assert_eq!(cells.len(), 4, "{cells:?}");
    let mine = cells
        .iter()
        .find(|r| r[1] == name)
        .unwrap_or_else(|| panic!("{name} in {cells:?}"));
    assert_eq!(mine[3], id_number, "the roster has the full ID number");
    assert_eq!(mine[5], employer.unit_name);
    assert_eq!(mine[8], "职称评审");
    assert_eq!(mine[12], "待审查");
    assert_eq!(cells[1][0], "1");

    // a plan filter leaves the other plan out
    let job = export(
        employer,
        json!({"kind": "roster", "filters": {"tab": "all", "plan_id": other}}),
    )
    .await;
    assert_eq!(job["total"], 1, "{job}");
    let (_, cells) = download(employer, &job, "花名册").await;
    assert_eq!(cells.len(), 2, "{cells:?}");
    assert!(cells[1][7].contains("申报测试"), "{cells:?}");

    // a search keyword: counted by a query, same rows as the list
    let job = export(
        employer,
        json!({"kind": "roster", "filters": {"q": id_number.clone()}}),
    )
    .await;
    let listed = json_of(
        employer
            .get(&format!("/api/v1/reviews?q={id_number}"))
            .await,
        200,
    )
    .await;
    assert_eq!(job["total"], listed["total"], "{job} {listed}");

    // 公示表: title row, masked ID numbers only
    let job = export(
        employer,
        json!({"kind": "publicity", "filters": {"plan_id": demo}}),
    )
    .await;
    let (_, cells) = download(employer, &job, "公示表").await;
    assert_eq!(
        cells[0][0],
        format!("{}职称申报人员公示表", employer.unit_name)
    );
    assert_eq!(
        cells[1],
        [
            "序号",
            "姓名",
            "性别",
            "身份证号",
            "工作单位",
            "现从事专业",
            "专业工作年限",
            "申报专业技术资格",
            "申报类型"
        ]
    );
    assert_eq!(cells.len(), 4, "{cells:?}");
    let mine = cells.iter().find(|r| r[1] == name).unwrap();
    assert_eq!(mine[3], mask_id_number(&id_number));
    assert_ne!(mine[3], id_number);
    assert_eq!(mine[5], "水利水电工程设计");
    assert_eq!(mine[6], "12");
    for row in &cells {
        for c in row {
            assert!(
                !people.iter().any(|(_, id)| c.contains(id.as_str())),
                "a full ID number in the publicity table: {c}"
            );
        }
    }
});

dual!(exports_belong_to_their_creator, |app| {
    let employer = app.employer().await;
    let job = json_of(
        employer
            .post(EXPORTS, json!({"kind": "roster", "filters": {}}))
            .await,
        202,
    )
    .await;
    let id = job["id"].as_str().unwrap();
    assert_eq!(job["total"], 0);
    assert_eq!(job["status"], "queued");
    // the job records the list it exports, defaults included
    assert_eq!(job["filters"]["kind"], "review");
    assert_eq!(job["filters"]["tab"], "pending");

    // wrong role: 403
    let me = app.individual().await;
    problem(
        me.post(EXPORTS, json!({"kind": "roster"})).await,
        403,
        "forbidden",
    )
    .await;
    problem(me.get(&format!("{EXPORTS}/{id}")).await, 403, "forbidden").await;

    // another account's job: 404
    let hrss = app.staff("nb_hrss").await;
    problem(hrss.get(&format!("{EXPORTS}/{id}")).await, 404, "not_found").await;
    problem(
        hrss.get(&format!("{EXPORTS}/{id}/file")).await,
        404,
        "not_found",
    )
    .await;

    // the returned tab is not exported; unknown fields are refused
    problem(
        employer
            .post(
                EXPORTS,
                json!({"kind": "roster", "filters": {"tab": "returned"}}),
            )
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        employer
            .post(EXPORTS, json!({"kind": "roster", "sheet": 1}))
            .await
            .status(),
        422
    );

    // an empty export is still a workbook with its header
    let done = export(&employer, json!({"kind": "roster"})).await;
    let (_, cells) = download(&employer, &done, "花名册").await;
    assert_eq!(cells.len(), 1, "{cells:?}");
    assert_eq!(cells[0][1], "姓名");
});
