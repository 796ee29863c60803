import type { ReactNode } from 'react';
import { Descriptions, List, Space, Table, Tag, Typography, type DescriptionsProps, type TableColumnsType } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, PaperClipOutlined } from '@ant-design/icons';
import type { Attachment } from '../../../api/types';
import type { Schemas } from '../../../api/types';
import { formatDate } from '../../../lib/format';
import { categoryConfig } from '../../archive/categories';
import { displayValue } from '../../archive/formValues';
import { RecordFields } from '../../archive/components/RecordFields';
import type { AttachmentRow, DeclarationView, RuleOutcome } from '../api';
import { acceptorTitle, RECOGNITION_KINDS } from '../steps';
import '../declarations.css';

type RecordSnapshot = Schemas['RecordSnapshot'];
type PreviewSection = Schemas['PreviewSection'];

export interface DeclarationPreviewProps {
  view: DeclarationView;
  /** The 证件照, shown beside section 1 (the caller loads it with its own endpoint). */
  photo?: ReactNode;
  /** Makes the file names of section 18 clickable (download / preview with the caller's endpoint). */
  onOpenFile?: (row: AttachmentRow, file: Attachment) => void;
  /** Makes the attachment names of extracted records (sections 2–17) clickable. */
  onOpenRecordFile?: (record: RecordSnapshot, file: Attachment) => void;
  /** Show 申报对象资格 (the eligibility outcomes) after section 18. */
  showEligibility?: boolean;
}

const text = (v: string | number | null | undefined, suffix = '') =>
  v === null || v === undefined || v === '' ? <Typography.Text type="secondary">—</Typography.Text> : `${v}${suffix}`;

const long = (v: string | null | undefined) =>
  v && v.trim() ? <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{v}</span> : <Typography.Text type="secondary">无</Typography.Text>;

function SectionTitle({ no, title, count }: { no: number; title: string; count?: number }) {
  return (
    <Typography.Title level={5} className="decl-preview-title" style={{ margin: '20px 0 8px' }}>
      {no}. {title}
      {count !== undefined && count > 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal', marginInlineStart: 8 }}>
          共 {count} 条
        </Typography.Text>
      ) : null}
    </Typography.Title>
  );
}

/** Section 1 基本信息 (seed 000 §4): the plan, the declaration info of step 4 and the person. */
function BasicSection({ view, photo }: { view: DeclarationView; photo?: ReactNode }) {
  const { basic } = view;
  const p = basic.person;
  const info = basic.info;
  const items: DescriptionsProps['items'] = [
    { key: 'plan', label: '评审计划名称', span: 'filled', children: basic.plan_name },
    { key: 'type', label: '申报类型', children: basic.declaration_type },
    ...(basic.plan_type === 'recognition'
      ? [{ key: 'rk', label: '认定类型', children: text(RECOGNITION_KINDS.find((k) => k.value === info.recognition_kind)?.label) }]
      : []),
    { key: 'acceptor', label: acceptorTitle(basic.plan_type), span: 'filled', children: text(basic.acceptor?.name) },
    { key: 'title', label: '申报职称名称', span: 'filled', children: basic.title_name },
    { key: 'specialty', label: '申报专业', children: text(info.specialty) },
    { key: 'current', label: '现从事专业', children: text(info.current_specialty) },
    { key: 'years', label: '专业工作年限', children: text(info.years_in_specialty, '年') },
    { key: 'archive', label: '档案所在地', children: text(info.archive_location) },
    { key: 'employer', label: '工作单位', span: 'filled', children: basic.employer.name },
    { key: 'name', label: '姓名', children: p.name },
    { key: 'gender', label: '性别', children: text(p.gender) },
    { key: 'birth', label: '出生日期', children: text(p.birth_date) },
    {
      key: 'id',
      label: '身份证件',
      children: (
        <span data-testid="preview-id-number">
          [{p.id_type}] {p.id_number_masked ?? '—'}
        </span>
      ),
    },
    { key: 'former', label: '曾用名', children: text(p.former_name) },
    { key: 'ethnicity', label: '民族', children: text(p.ethnicity) },
    { key: 'birthplace', label: '出生地', children: text(p.birthplace) },
    { key: 'political', label: '政治面貌', children: text(p.political_status) },
    { key: 'health', label: '身体状况', children: text(p.health) },
    { key: 'party', label: '何时加入党(团)', children: text(p.party_join_date) },
    { key: 'phone', label: '手机号码', children: p.phone_masked },
    { key: 'email', label: '电子邮箱', children: text(p.email) },
    { key: 'edu', label: '最高学历', children: text(p.highest_education) },
    { key: 'work_start', label: '参加工作时间', children: text(p.work_start_date) },
    { key: 'cur_title', label: '现专业技术资格', children: text(p.current_title) },
    { key: 'lang', label: '懂何种外语，达到何种程度', span: 'filled', children: long(info.foreign_language) },
    { key: 'ach', label: '主要工作成绩及奖惩情况', span: 'filled', children: long(info.achievements) },
    { key: 'spec', label: '有何特长', span: 'filled', children: long(info.specialities) },
    { key: 'soc', label: '参加学术团体社会兼职情况', span: 'filled', children: long(info.societies) },
  ];
  return (
    <section data-testid="preview-section-1">
      <SectionTitle no={1} title="基本信息" />
      <div className="decl-basic">
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
          styles={{ label: { width: 120, minWidth: 96 } }}
          items={items}
          style={{ flex: 1, minWidth: 0 }}
        />
        {photo ? <div className="decl-basic-photo">{photo}</div> : null}
      </div>
    </section>
  );
}

function snapshotColumns(section: PreviewSection): TableColumnsType<RecordSnapshot> {
  const index: TableColumnsType<RecordSnapshot>[number] = { title: '#', key: 'no', width: 44, render: (_v, _r, i) => i + 1 };
  const files: TableColumnsType<RecordSnapshot>[number] = {
    title: '附件',
    key: 'files',
    width: 64,
    render: (_v, r) => (r.attachments.length ? <Tag icon={<PaperClipOutlined />}>{r.attachments.length}</Tag> : '—'),
  };
  if (section.categories.length === 1) {
    const cfg = categoryConfig(section.categories[0]);
    const fields = cfg.columns.map((name) => cfg.fields.find((f) => f.name === name)).filter((f) => !!f);
    return [
      index,
      ...fields.map((f) => ({
        title: f.label,
        key: f.name,
        render: (_v: unknown, r: RecordSnapshot) => (
          <span style={{ wordBreak: 'break-word' }}>{displayValue(f, (r.content.data as Record<string, unknown>)[f.name])}</span>
        ),
      })),
      files,
    ];
  }
  return [
    index,
    { title: '类别', key: 'cat', width: 150, render: (_v, r) => r.category_label },
    { title: '名称', key: 'title', render: (_v, r) => r.title },
    { title: '日期', key: 'date', width: 110, render: (_v, r) => formatDate(r.record_date) },
    files,
  ];
}

/** Sections 2–17: one titled table each of the records extracted into the declaration. */
function RecordSection({
  section,
  onOpenRecordFile,
}: {
  section: PreviewSection;
  onOpenRecordFile?: DeclarationPreviewProps['onOpenRecordFile'];
}) {
  return (
    <section data-testid={`preview-section-${section.no}`}>
      <SectionTitle no={section.no} title={section.title} count={section.records.length} />
      {section.records.length ? (
        <Table<RecordSnapshot>
          size="small"
          bordered
          pagination={false}
          rowKey="record_id"
          columns={snapshotColumns(section)}
          dataSource={section.records}
          scroll={{ x: 'max-content' }}
          expandable={{
            expandedRowRender: (r) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                <RecordFields content={r.content} />
                {r.attachments.length ? (
                  <Typography.Text type="secondary">
                    <PaperClipOutlined /> 附件：
                    {r.attachments.map((a, i) => (
                      <span key={a.id}>
                        {i > 0 ? '、' : null}
                        {onOpenRecordFile ? (
                          <Typography.Link onClick={() => onOpenRecordFile(r, a)}>{a.name}</Typography.Link>
                        ) : (
                          a.name
                        )}
                      </span>
                    ))}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          }}
        />
      ) : (
        <Typography.Text type="secondary" className="decl-empty">
          暂无
        </Typography.Text>
      )}
    </section>
  );
}

/** Section 18 申报材料附件信息: # · 必要 · 材料名称 · 申报材料. */
function AttachmentSection({ rows, onOpenFile }: { rows: AttachmentRow[]; onOpenFile?: DeclarationPreviewProps['onOpenFile'] }) {
  return (
    <section data-testid="preview-section-18">
      <SectionTitle no={18} title="申报材料附件信息" />
      <Table<AttachmentRow>
        size="small"
        bordered
        pagination={false}
        rowKey="no"
        dataSource={rows}
        locale={{ emptyText: '暂无' }}
        columns={[
          { title: '#', dataIndex: 'no', width: 44 },
          { title: '必要', key: 'required', width: 60, align: 'center', render: (_v, r) => (r.required ? '√' : '') },
          { title: '材料名称', dataIndex: 'name' },
          {
            title: '申报材料',
            key: 'files',
            render: (_v, r) =>
              r.files.length ? (
                <Space direction="vertical" size={2}>
                  {r.files.map((f) =>
                    onOpenFile ? (
                      <Typography.Link key={f.id} onClick={() => onOpenFile(r, f)} style={{ wordBreak: 'break-all' }}>
                        {f.name}
                      </Typography.Link>
                    ) : (
                      <span key={f.id} style={{ wordBreak: 'break-all' }}>
                        {f.name}
                      </span>
                    ),
                  )}
                </Space>
              ) : (
                '/'
              ),
          },
        ]}
      />
    </section>
  );
}

/** 申报对象资格: each rule of the plan, met (✓) or not (✗) and why. */
export function EligibilityList({ outcomes }: { outcomes: RuleOutcome[] }) {
  if (!outcomes.length) return <Typography.Text type="secondary">该计划未设置可自动核对的资格条件</Typography.Text>;
  return (
    <List
      size="small"
      bordered
      dataSource={outcomes}
      data-testid="eligibility-list"
      renderItem={(o) => (
        <List.Item data-testid="eligibility-item" data-met={o.met ? 'yes' : 'no'}>
          <Space align="start">
            {o.met ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleFilled style={{ color: '#cf1322' }} />}
            <span>{o.reason}</span>
          </Space>
        </List.Item>
      )}
    />
  );
}

/**
 * 申报信息预览 (seed 000 §4, SPEC §8 step 7): the eighteen sections of a declaration, the same
 * for the applicant and every reviewer — 1 基本信息, 2–17 the extracted archive records by
 * category (14 and 15 together as 资格与资质证书), 18 申报材料附件信息.
 */
export function DeclarationPreview({ view, photo, onOpenFile, onOpenRecordFile, showEligibility }: DeclarationPreviewProps) {
  return (
    <div className="decl-preview" data-testid="declaration-preview">
      <BasicSection view={view} photo={photo} />
      {view.sections.map((s) => (
        <RecordSection key={s.no} section={s} onOpenRecordFile={onOpenRecordFile} />
      ))}
      <AttachmentSection rows={view.attachments} onOpenFile={onOpenFile} />
      {showEligibility ? (
        <section data-testid="preview-eligibility">
          <Typography.Title level={5} style={{ margin: '20px 0 8px' }}>
            申报对象资格
          </Typography.Title>
          <EligibilityList outcomes={view.eligibility} />
        </section>
      ) : null}
    </div>
  );
}
