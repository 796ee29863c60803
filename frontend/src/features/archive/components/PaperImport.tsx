import { useState } from 'react';
import { Alert, App, Button, DatePicker, Input, InputNumber, Modal, Progress, Select, Space, Table, Tabs, Tag, Tooltip, Typography, Upload } from 'antd';
import { CloudDownloadOutlined, ImportOutlined, InboxOutlined, WarningOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../../../api/client';
import { errorMessage, unwrap } from '../../../api/problem';
import { multipart } from '../../../api/multipart';
import type { ParsedPaper, PaperImportResult, Schemas } from '../../../api/types';
import { useMe } from '../../auth/api';
import { ENUMS } from '../categories';
import { initialCompletion, missingFields, pickerMonth, toPaperRecord, type PaperCompletion } from '../paperImport';
import { PAPER_IMPORT, precheck } from '../../../lib/upload';

interface Row extends ParsedPaper {
  key: number;
}

/**
 * 导入论文 (seed 002 §3.9): parse a BibTeX / RIS file or the 百度学术 ScholarID's papers,
 * preview them, complete what the import lacks, then import the chosen ones one by one.
 */
export function PaperImport({ onImported }: { onImported: () => void }) {
  const { message, modal } = App.useApp();
  const me = useMe().data;
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<Row[]>([]);
  const [done, setDone] = useState<Set<number>>(new Set());
  const [completion, setCompletion] = useState<Record<number, PaperCompletion>>({});
  const [selected, setSelected] = useState<number[]>([]);
  const [loading, setLoading] = useState(false);
  const [scholarId, setScholarId] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);

  const [skipped, setSkipped] = useState<string[]>([]);

  const loaded = ({ items, skipped }: PaperImportResult) => {
    setSkipped(skipped);
    setProgress(null);
    const rs = items.map((p, i) => ({ ...p, key: i }));
    setRows(rs);
    setDone(new Set());
    setCompletion(Object.fromEntries(rs.map((r) => [r.key, initialCompletion(r, me?.name)])));
    setSelected(rs.map((r) => r.key));
    if (!items.length) message.warning('未读取到可导入的论文');
  };

  const parseFile = async (file: File) => {
    const r = precheck(file, PAPER_IMPORT);
    if (!r.ok) {
      message.error(r.message);
      return;
    }
    setLoading(true);
    try {
      loaded(unwrap(await api.POST('/api/v1/archive/papers/parse', multipart<Schemas['CitationFile']>({ file }))));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };

  const fromScholar = async () => {
    if (!scholarId.trim()) {
      message.warning('请输入百度学术ScholarID');
      return;
    }
    setLoading(true);
    try {
      loaded(unwrap(await api.POST('/api/v1/archive/papers/scholar', { body: { scholar_id: scholarId.trim() } })));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };

  const patch = (key: number, p: Partial<PaperCompletion>) =>
    setCompletion((c) => ({ ...c, [key]: { ...c[key], ...p } }));

  const importSelected = async () => {
    const chosen = rows.filter((r) => selected.includes(r.key) && !done.has(r.key));
    if (!chosen.length) {
      message.warning('请勾选要导入的论文');
      return;
    }
    const incomplete = chosen
      .map((r) => ({ r, missing: missingFields(r, completion[r.key] ?? {}) }))
      .filter((x) => x.missing.length);
    if (incomplete.length) {
      modal.warning({
        title: '请先完善以下论文信息',
        content: (
          <ul style={{ paddingLeft: 18 }}>
            {incomplete.map(({ r, missing }) => (
              <li key={r.key}>
                第{r.key + 1}篇《{r.title}》：{missing.join('、')}
              </li>
            ))}
          </ul>
        ),
      });
      return;
    }
    setProgress({ done: 0, total: chosen.length });
    const failures: string[] = [];
    const ok = new Set(done);
    for (let i = 0; i < chosen.length; i++) {
      const r = chosen[i];
      try {
        unwrap(await api.POST('/api/v1/archive/records', { body: toPaperRecord(r, completion[r.key]) }));
        ok.add(r.key);
      } catch (err) {
        failures.push(`《${r.title}》：${errorMessage(err)}`);
      }
      setProgress({ done: i + 1, total: chosen.length });
    }
    setDone(ok);
    setSelected((s) => s.filter((k) => !ok.has(k)));
    onImported();
    const succeeded = chosen.length - failures.length;
    if (failures.length) {
      modal.warning({
        title: `导入完成：成功 ${succeeded} 篇，失败 ${failures.length} 篇`,
        content: (
          <ul style={{ paddingLeft: 18 }}>
            {failures.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        ),
      });
    } else {
      message.success(`已导入 ${succeeded} 篇论文，等待单位审核`);
    }
  };

  const columns = [
    { title: '#', key: 'n', width: 44, render: (_: unknown, r: Row) => r.key + 1 },
    {
      title: '论文题目 / 刊物',
      key: 'title',
      render: (_: unknown, r: Row) => (
        <div style={{ minWidth: 200 }}>
          <div style={{ fontWeight: 500 }}>{r.title}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[r.journal, r.year && `${r.year}${r.month ? `-${String(r.month).padStart(2, '0')}` : ''}`, r.volume && `卷${r.volume}`, r.issue && `期${r.issue}`, r.pages && `页${r.pages}`]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
          {r.doi && (
            <div style={{ fontSize: 12, color: '#8c8c8c' }}>DOI：{r.doi}</div>
          )}
          {r.warnings.map((w) => (
            <div key={w}>
              <Tag color="warning" icon={<WarningOutlined />} style={{ whiteSpace: 'normal', marginTop: 4 }}>
                {w}
              </Tag>
            </div>
          ))}
        </div>
      ),
    },
    {
      title: '作者',
      key: 'authors',
      width: 140,
      render: (_: unknown, r: Row) => (
        <Tooltip title={r.authors.join('；')}>
          <span>{r.authors.slice(0, 3).join('、')}{r.authors.length > 3 ? ' 等' : ''}</span>
        </Tooltip>
      ),
    },
    {
      title: <span className="required-mark">发表日期</span>,
      key: 'date',
      width: 150,
      render: (_: unknown, r: Row) => (
        <DatePicker
          size="small"
          placeholder="请选择"
          disabled={done.has(r.key)}
          value={completion[r.key]?.publication_date ?? null}
          defaultPickerValue={pickerMonth(r)}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          onChange={(d) => patch(r.key, { publication_date: d })}
        />
      ),
    },
    {
      title: <span className="required-mark">本人排名/总数</span>,
      key: 'rank',
      width: 150,
      render: (_: unknown, r: Row) => (
        <Space.Compact size="small">
          <InputNumber
            size="small"
            min={1}
            precision={0}
            style={{ width: 60 }}
            placeholder="排名"
            disabled={done.has(r.key)}
            value={completion[r.key]?.author_rank ?? null}
            onChange={(v) => patch(r.key, { author_rank: v })}
          />
          <InputNumber
            size="small"
            min={1}
            precision={0}
            style={{ width: 60 }}
            placeholder="总数"
            disabled={done.has(r.key)}
            value={completion[r.key]?.author_total ?? null}
            onChange={(v) => patch(r.key, { author_total: v })}
          />
        </Space.Compact>
      ),
    },
    {
      title: <span className="required-mark">收录情况</span>,
      key: 'indexed_by',
      width: 120,
      render: (_: unknown, r: Row) => (
        <Select
          size="small"
          style={{ width: 110 }}
          placeholder="请选择"
          disabled={done.has(r.key)}
          value={completion[r.key]?.indexed_by ?? undefined}
          onChange={(v) => patch(r.key, { indexed_by: v })}
          options={ENUMS.IndexedBy.map((o) => ({ value: o, label: o }))}
        />
      ),
    },
    {
      title: '状态',
      key: 'state',
      width: 70,
      render: (_: unknown, r: Row) => (done.has(r.key) ? <Tag color="success">已导入</Tag> : <Tag>未导入</Tag>),
    },
  ];

  return (
    <>
      <Button icon={<ImportOutlined />} onClick={() => setOpen(true)}>
        导入论文
      </Button>
      <Modal
        open={open}
        title="导入论文"
        width={1080}
        style={{ top: 20 }}
        onCancel={() => {
          setOpen(false);
          setProgress(null);
        }}
        maskClosable={false}
        destroyOnHidden
        footer={[
          <Button key="close" onClick={() => setOpen(false)}>
            关闭
          </Button>,
          <Button
            key="import"
            type="primary"
            disabled={!rows.length || progress?.done !== progress?.total}
            onClick={importSelected}
            data-testid="paper-import-submit"
          >
            导入选中论文（{selected.filter((k) => !done.has(k)).length}）
          </Button>,
        ]}
      >
        <Tabs
          items={[
            {
              key: 'file',
              label: 'BibTeX / RIS 文件',
              children: rows.length ? (
                <Space>
                  <Upload
                    accept=".bib,.ris,.txt"
                    showUploadList={false}
                    disabled={loading}
                    beforeUpload={(file) => {
                      void parseFile(file);
                      return false;
                    }}
                  >
                    <Button icon={<InboxOutlined />} loading={loading}>
                      重新选择文件
                    </Button>
                  </Upload>
                  <Typography.Text type="secondary">{PAPER_IMPORT.describe}</Typography.Text>
                </Space>
              ) : (
                <Upload.Dragger
                  accept=".bib,.ris,.txt"
                  showUploadList={false}
                  disabled={loading}
                  beforeUpload={(file) => {
                    void parseFile(file);
                    return false;
                  }}
                >
                  <p className="ant-upload-drag-icon" style={{ marginBottom: 4 }}>
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">点击或拖拽文件到此处解析</p>
                  <p className="ant-upload-hint">{PAPER_IMPORT.describe}</p>
                </Upload.Dragger>
              ),
            },
            {
              key: 'scholar',
              label: '百度学术',
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Typography.Text type="secondary">输入百度学术ScholarID，绑定个人百度学术，然后点击【导出我的百度学术论文】并完善信息，再点击【导入选中论文】。</Typography.Text>
                  <Space.Compact style={{ width: 520 }}>
                    <Input placeholder="请输入百度学术ScholarID" value={scholarId} onChange={(e) => setScholarId(e.target.value)} />
                    <Button type="primary" icon={<CloudDownloadOutlined />} loading={loading} onClick={fromScholar}>
                      导出我的百度学术论文
                    </Button>
                  </Space.Compact>
                </Space>
              ),
            },
          ]}
        />
        {progress && (
          <Progress
            percent={Math.round((progress.done / progress.total) * 100)}
            format={() => `${progress.done}/${progress.total}`}
            status={progress.done === progress.total ? 'success' : 'active'}
            style={{ marginTop: 8 }}
          />
        )}
        {skipped.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            message={`${skipped.length} 条记录无法读取，已跳过`}
            description={
              <ul style={{ paddingLeft: 18, margin: 0 }}>
                {skipped.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            }
          />
        )}
        {rows.length > 0 && (
          <>
            <Alert
              type="info"
              showIcon
              style={{ margin: '12px 0' }}
              message="请勾选要导入的论文，并补全发表日期、本人排名/作者总数和收录情况（带 * 的为必填）。导入后的论文为待审核状态，可再编辑补充卷期、CN号等信息。"
            />
            <Table<Row>
              rowKey="key"
              size="small"
              loading={loading}
              dataSource={rows}
              columns={columns}
              pagination={false}
              scroll={{ y: 'calc(100vh - 470px)' }}
              rowSelection={{
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as number[]),
                getCheckboxProps: (r) => ({ disabled: done.has(r.key) }),
              }}
            />
          </>
        )}
      </Modal>
    </>
  );
}
