import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Grid,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { errorMessage } from '../../../api/problem';
import { formatDateTime } from '../../../lib/format';
import {
  CALENDAR_KEY,
  checkRows,
  DAY_KIND_LABELS,
  dayKind,
  datesBetween,
  deleteCalendarYear,
  fetchCalendarYears,
  fetchWorkingDays,
  namedDays,
  problemLines,
  putCalendarYear,
  type CalendarDayInput,
  type CalendarYear,
  type DayKind,
  type WorkingDays,
} from '../calendar';
import '../calendar.css';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** 节假日安排 (administrator): the years the calendar knows, a year's notice entered, and a working-day checker. */
export function CalendarPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const years = useQuery({ queryKey: [...CALENDAR_KEY, 'years'], queryFn: fetchCalendarYears });
  const [editing, setEditing] = useState<{ year: number; note: string } | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const rows = [...(years.data ?? [])].sort((a, b) => b.year - a.year);
  const nextYear = rows.length ? rows[0].year + 1 : dayjs().year() + 1;
  const remove = async (y: CalendarYear) => {
    setBusy(y.year);
    try {
      await deleteCalendarYear(y.year);
      message.success(y.source === 'shipped' ? `已删除 ${y.year} 年的更正，恢复为随系统发布的安排` : `已删除 ${y.year} 年的节假日安排`);
      void qc.invalidateQueries({ queryKey: CALENDAR_KEY });
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="calendar-page">
      <Card
        title="节假日安排"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ year: nextYear, note: '' })} data-testid="calendar-add">
            录入年度安排
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          公示期等按工作日计算的期限依据国务院办公厅每年发布的部分节假日安排通知（放假与调休上班）。2007–2026 年的安排随系统发布；之后的年份请在通知发布后在此录入。尚未录入的年份不会推测，涉及该年的日期计算会提示先录入。
        </Typography.Paragraph>
        {years.isError ? <Alert type="error" showIcon message={errorMessage(years.error)} style={{ marginBottom: 12 }} /> : null}
        <Table<CalendarYear>
          rowKey="year"
          size="small"
          bordered
          loading={years.isPending}
          dataSource={rows}
          pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '年度', dataIndex: 'year', width: 80 },
            {
              title: '来源',
              key: 'source',
              width: 170,
              render: (_, y) =>
                y.source === 'shipped' ? (
                  <Space size={4}>
                    <Tag color="blue">随系统发布</Tag>
                    {y.override_days > 0 ? <Tag color="orange">已更正</Tag> : null}
                  </Space>
                ) : (
                  <Tag color="green">管理员录入</Tag>
                ),
            },
            { title: '录入日期数', dataIndex: 'override_days', width: 100, render: (n: number) => (n > 0 ? n : '—') },
            { title: '发布依据', key: 'note', render: (_, y) => <span style={{ wordBreak: 'break-word' }}>{y.note || '国务院办公厅部分节假日安排通知'}</span> },
            { title: '录入时间', key: 'at', width: 150, render: (_, y) => formatDateTime(y.declared_at) },
            {
              title: '操作',
              key: 'op',
              width: 150,
              render: (_, y) => (
                <Space size={0}>
                  <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ year: y.year, note: y.note ?? '' })} data-testid="calendar-edit">
                    {y.source === 'shipped' ? '更正' : '编辑'}
                  </Button>
                  {y.override_days > 0 || y.source === 'administrator' ? (
                    <Popconfirm
                      title={`删除 ${y.year} 年的录入`}
                      description={y.source === 'shipped' ? '删除后恢复为随系统发布的安排。' : '删除后该年的节假日安排为未知，涉及该年的日期计算将无法进行。'}
                      okText="删除"
                      okButtonProps={{ danger: true }}
                      cancelText="取消"
                      onConfirm={() => remove(y)}
                    >
                      <Button type="link" size="small" danger icon={<DeleteOutlined />} loading={busy === y.year}>
                        删除
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <WorkingDayChecker />
      <YearDrawer
        key={editing ? `${editing.year}` : 'none'}
        editing={editing}
        known={rows}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void qc.invalidateQueries({ queryKey: CALENDAR_KEY });
        }}
      />
    </Space>
  );
}

interface Row extends Partial<CalendarDayInput> {
  key: number;
}

let rowSeq = 0;
const newRow = (r: Partial<CalendarDayInput> = {}): Row => ({ key: ++rowSeq, off_day: true, ...r });

/** 录入 / 更正 one year's notice: the dates of 放假 and 调休上班 with the holiday's name. */
function YearDrawer({
  editing,
  known,
  onClose,
  onSaved,
}: {
  editing: { year: number; note: string } | null;
  known: readonly CalendarYear[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const narrow = !Grid.useBreakpoint().md;
  const [year, setYear] = useState<number>(editing?.year ?? dayjs().year() + 1);
  const [note, setNote] = useState(editing?.note ?? '');
  const [rows, setRows] = useState<Row[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [rangeName, setRangeName] = useState('');
  const [rangeOff, setRangeOff] = useState(true);
  const isKnown = known.some((k) => k.year === year);

  // The year's current named days, to start from (a known year only).
  const current = useQuery({
    queryKey: [...CALENDAR_KEY, 'named', year],
    enabled: !!editing && isKnown,
    queryFn: async () => namedDays((await fetchWorkingDays(`${year}-01-01`, `${year}-12-31`)).days),
  });
  const [loadedFor, setLoadedFor] = useState<number | null>(null);
  if (current.data && loadedFor !== year) {
    setLoadedFor(year);
    setRows(current.data.map((d) => newRow(d)));
  }

  const update = (key: number, patch: Partial<CalendarDayInput>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const addRange = () => {
    if (!range) return;
    const dates = datesBetween(range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD'));
    setRows((rs) => [
      ...rs.filter((r) => !r.date || !dates.includes(r.date)),
      ...dates.map((date) => newRow({ date, off_day: rangeOff, name: rangeName.trim() })),
    ].sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999')));
    setRange(null);
  };

  const save = async () => {
    if (!note.trim()) {
      setErrors(['请填写发布依据（通知名称与文号）']);
      return;
    }
    const checked = checkRows(year, rows);
    if (!checked.ok) {
      setErrors(['请按提示修改后再保存', ...checked.errors]);
      return;
    }
    setErrors([]);
    setSaving(true);
    try {
      await putCalendarYear(year, note.trim(), checked.days);
      message.success(`${year} 年节假日安排已保存`);
      onSaved();
    } catch (err) {
      const lines = problemLines(err);
      setErrors([errorMessage(err), ...lines]);
    } finally {
      setSaving(false);
    }
  };

  const inYear = (d: Dayjs) => d.year() !== year;

  return (
    <Drawer
      open={!!editing}
      title={isKnown ? `${year} 年节假日安排` : '录入年度节假日安排'}
      width={narrow ? '100%' : 820}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="calendar-save">
            保存
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="calendar-form">
        <Space wrap>
          <span>年度</span>
          <InputNumber<number>
            min={2007}
            max={2100}
            precision={0}
            value={year}
            onChange={(v) => {
              if (v) {
                setYear(v);
                setRows([]);
                setLoadedFor(null);
              }
            }}
            data-testid="calendar-year"
          />
          {isKnown ? <Typography.Text type="secondary">保存后整体替换该年已录入的日期</Typography.Text> : null}
        </Space>
        <Typography.Text strong>发布依据</Typography.Text>
        <Input
          placeholder="如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕×号）"
          value={note}
          maxLength={200}
          onChange={(e) => setNote(e.target.value)}
          data-testid="calendar-note"
        />
        <Typography.Text type="secondary">
          只需录入放假的日期和调休上班的日期；其余日期按周一至周五上班、周六周日休息计算。
        </Typography.Text>
        <Card size="small" title="按日期段添加">
          <Space wrap>
            <DatePicker.RangePicker
              value={range}
              onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
              disabledDate={inYear}
              defaultPickerValue={[dayjs(`${year}-01-01`), dayjs(`${year}-01-01`)]}
            />
            <Select value={rangeOff} onChange={setRangeOff} style={{ width: 100 }} options={[{ value: true, label: '放假' }, { value: false, label: '上班' }]} />
            <Input placeholder="节日名称，如：春节" value={rangeName} onChange={(e) => setRangeName(e.target.value)} style={{ width: 160 }} maxLength={20} />
            <Button onClick={addRange} disabled={!range || !rangeName.trim()}>
              添加
            </Button>
          </Space>
        </Card>
        {errors.length ? (
          <Alert
            type="error"
            showIcon
            message={errors[0]}
            description={errors.length > 1 ? <ul style={{ margin: 0, paddingInlineStart: 18 }}>{errors.slice(1).map((e, i) => <li key={i}>{e}</li>)}</ul> : undefined}
            data-testid="calendar-errors"
          />
        ) : null}
        <Table<Row>
          rowKey="key"
          size="small"
          bordered
          loading={current.isFetching}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '尚未录入日期' }}
          columns={[
            { title: '#', key: 'no', width: 44, align: 'center', render: (_, __, i) => i + 1 },
            {
              title: '日期',
              key: 'date',
              width: 190,
              render: (_, r) => (
                <Space size={4} wrap={false}>
                  <DatePicker
                    value={r.date ? dayjs(r.date) : null}
                    onChange={(v) => update(r.key, { date: v ? v.format('YYYY-MM-DD') : undefined })}
                    disabledDate={inYear}
                    defaultPickerValue={dayjs(`${year}-01-01`)}
                    style={{ width: 130 }}
                    allowClear={false}
                  />
                  {r.date ? (
                    <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                      周{WEEKDAYS[dayjs(r.date).day()]}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              title: '安排',
              key: 'off',
              width: 100,
              render: (_, r) => (
                <Select
                  value={r.off_day ?? true}
                  onChange={(v) => update(r.key, { off_day: v })}
                  style={{ width: 84 }}
                  options={[
                    { value: true, label: '放假' },
                    { value: false, label: '上班' },
                  ]}
                />
              ),
            },
            {
              title: '节日名称',
              key: 'name',
              render: (_, r) => <Input value={r.name} maxLength={20} placeholder="如：国庆节" onChange={(e) => update(r.key, { name: e.target.value })} style={{ minWidth: 140 }} />,
            },
            {
              title: '',
              key: 'rm',
              width: 48,
              render: (_, r) => (
                <Tooltip title="删除该行">
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} aria-label="删除该行" />
                </Tooltip>
              ),
            },
          ]}
        />
        <Button icon={<PlusOutlined />} block type="dashed" onClick={() => setRows((rs) => [...rs, newRow()])} data-testid="calendar-add-row">
          添加一行
        </Button>
      </Space>
    </Drawer>
  );
}

const KIND_CLASS: Record<DayKind, string> = {
  holiday: 'cal-day cal-day-holiday',
  makeup: 'cal-day cal-day-makeup',
  weekend: 'cal-day cal-day-weekend',
  workday: 'cal-day',
};

/** 工作日查询: the working days between two dates, both included, with every day marked. */
function WorkingDayChecker() {
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [result, setResult] = useState<WorkingDays | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const check = async () => {
    if (!range) return;
    setLoading(true);
    setError(null);
    try {
      setResult(await fetchWorkingDays(range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD')));
    } catch (err) {
      setResult(null);
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };

  const counts = result
    ? result.days.reduce<Record<DayKind, number>>((m, d) => ({ ...m, [dayKind(d)]: m[dayKind(d)] + 1 }), { holiday: 0, makeup: 0, weekend: 0, workday: 0 })
    : null;

  return (
    <Card title="工作日查询" data-testid="calendar-checker">
      <Space wrap style={{ marginBottom: 12, display: 'flex' }}>
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)} data-testid="checker-range" />
        <Button type="primary" disabled={!range} loading={loading} onClick={() => void check()} data-testid="checker-run">
          计算工作日
        </Button>
      </Space>
      {error ? <Alert type="error" showIcon message={error} data-testid="checker-error" /> : null}
      {result && counts ? (
        <>
          <Space size={32} wrap style={{ marginBottom: 12, display: 'flex' }}>
            <Statistic title={`${result.start} 至 ${result.end} 工作日`} value={result.working_days} suffix="天" data-testid="checker-count" />
            <Statistic title="共计" value={result.days.length} suffix="天" />
            <Statistic title="法定放假" value={counts.holiday} suffix="天" />
            <Statistic title="调休上班" value={counts.makeup} suffix="天" />
          </Space>
          <div className="cal-legend">
            {(['workday', 'weekend', 'holiday', 'makeup'] as DayKind[]).map((k) => (
              <span key={k} className={KIND_CLASS[k]}>
                {DAY_KIND_LABELS[k]}
              </span>
            ))}
          </div>
          <div className="cal-days" data-testid="checker-days">
            {result.days.map((d) => {
              const k = dayKind(d);
              const date = dayjs(d.date);
              return (
                <Tooltip key={d.date} title={`${d.date} 周${WEEKDAYS[date.day()]}：${DAY_KIND_LABELS[k]}${d.name ? `（${d.name}）` : ''}`}>
                  <div className={KIND_CLASS[k]} data-kind={k}>
                    <div className="cal-day-date">{date.format('MM-DD')}</div>
                    <div className="cal-day-sub">
                      周{WEEKDAYS[date.day()]}
                      {k === 'holiday' || k === 'makeup' ? ` ${k === 'holiday' ? '休' : '班'}` : ''}
                    </div>
                    {d.name && k !== 'workday' ? <div className="cal-day-name">{d.name}</div> : null}
                  </div>
                </Tooltip>
              );
            })}
          </div>
        </>
      ) : null}
    </Card>
  );
}
