import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, AutoComplete, Button, Card, Col, DatePicker, Form, Input, Row, Select, Spin, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { applyFieldErrors, errorMessage, unwrap } from '../../../api/problem';
import type { EmployerHit, Employment, UpdateProfile } from '../../../api/types';
import { ME_KEY } from '../../auth/api';
import { formatDateTime } from '../../../lib/format';
import { HOME_PATH } from '../../../routes/paths';
import { PROFILE_KEY, useProfile } from '../api';
import { lengthRules } from '../../../lib/limits';

interface Values {
  former_name?: string;
  ethnicity?: string;
  birthplace?: string;
  political_status?: string;
  party_join_date?: Dayjs | null;
  work_start_date?: Dayjs | null;
  health?: string;
  email?: string;
  highest_education?: string;
  current_title?: string;
  employer_id?: string;
}

const FIELDS: (keyof Values)[] = [
  'former_name',
  'ethnicity',
  'birthplace',
  'political_status',
  'party_join_date',
  'work_start_date',
  'health',
  'email',
  'highest_education',
  'current_title',
  'employer_id',
];

type RefPath = '/api/v1/reference/ethnicities' | '/api/v1/reference/political-statuses' | '/api/v1/reference/education-levels';

function useReference(path: RefPath) {
  return useQuery({
    queryKey: ['reference', path],
    staleTime: Infinity,
    queryFn: async () => unwrap(await api.GET(path)).map((i) => ({ value: i.name, label: i.name })),
  });
}

/** 输入关键字查找工作单位: a debounced search over approved employers (≥ 2 characters). */
function EmployerSelect({
  value,
  onChange,
  initial,
}: {
  value?: string;
  onChange?: (v: string) => void;
  initial?: { id: string; name: string } | null;
}) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>(
    initial ? [{ value: initial.id, label: initial.name }] : [],
  );
  const [searching, setSearching] = useState(false);
  const [hint, setHint] = useState<string>('请输入至少2个字的单位名称关键字');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const seq = useRef(0);

  const search = (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    const q = text.trim();
    if (q.length < 2) {
      setHint('请输入至少2个字的单位名称关键字');
      return;
    }
    timer.current = setTimeout(async () => {
      const mine = ++seq.current;
      setSearching(true);
      try {
        const hits: EmployerHit[] = unwrap(await api.GET('/api/v1/employers', { params: { query: { q } } }));
        if (mine !== seq.current) return;
        setOptions(hits.map((h) => ({ value: h.id, label: h.affiliation ? `${h.name}（${h.affiliation}）` : h.name })));
        setHint(hits.length ? '' : '未找到匹配的单位（只能选择已通过授权审核的用人单位）');
      } catch (err) {
        setHint(errorMessage(err));
      } finally {
        if (mine === seq.current) setSearching(false);
      }
    }, 300);
  };

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      placeholder="输入关键字查找工作单位"
      filterOption={false}
      onSearch={search}
      options={options}
      notFoundContent={searching ? <Spin size="small" /> : hint || '暂无数据'}
      data-testid="employer-select"
    />
  );
}

/** 个人基本信息 (seed 002 §2): first login lands here until it is saved with a work unit. */
export function ProfilePage() {
  const profile = useProfile();
  const history = useQuery({
    queryKey: ['employment-history'],
    queryFn: async () => unwrap(await api.GET('/api/v1/profile/employment-history')),
  });
  const ethnicities = useReference('/api/v1/reference/ethnicities');
  const political = useReference('/api/v1/reference/political-statuses');
  const education = useReference('/api/v1/reference/education-levels');
  const [form] = Form.useForm<Values>();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [saving, setSaving] = useState(false);
  const p = profile.data;

  const initial = useMemo<Values | undefined>(
    () =>
      p && {
        former_name: p.former_name ?? undefined,
        ethnicity: p.ethnicity ?? undefined,
        birthplace: p.birthplace ?? undefined,
        political_status: p.political_status ?? undefined,
        party_join_date: p.party_join_date ? dayjs(p.party_join_date) : null,
        work_start_date: p.work_start_date ? dayjs(p.work_start_date) : null,
        health: p.health ?? '健康',
        email: p.email ?? undefined,
        highest_education: p.highest_education ?? undefined,
        current_title: p.current_title ?? undefined,
        employer_id: p.employer?.id,
      },
    [p],
  );

  if (profile.isPending) {
    return (
      <Card variant="borderless">
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin tip="正在加载…">
            <div style={{ height: 40 }} />
          </Spin>
        </div>
      </Card>
    );
  }
  if (profile.isError) return <Alert type="error" showIcon message={errorMessage(profile.error)} />;
  const data = profile.data;
  const first = !data.completed;

  const save = async (v: Values) => {
    const nul = (s?: string) => (s && s.trim() ? s.trim() : null);
    const body: UpdateProfile = {
      employer_id: v.employer_id!,
      former_name: nul(v.former_name),
      ethnicity: v.ethnicity ?? null,
      birthplace: nul(v.birthplace),
      political_status: v.political_status ?? null,
      party_join_date: v.party_join_date ? v.party_join_date.format('YYYY-MM-DD') : null,
      work_start_date: v.work_start_date ? v.work_start_date.format('YYYY-MM-DD') : null,
      health: nul(v.health),
      email: nul(v.email),
      highest_education: v.highest_education ?? null,
      current_title: nul(v.current_title),
    };
    setSaving(true);
    try {
      unwrap(await api.PUT('/api/v1/profile', { body }));
      await qc.invalidateQueries({ queryKey: PROFILE_KEY });
      void qc.invalidateQueries({ queryKey: ['employment-history'] });
      void qc.invalidateQueries({ queryKey: ME_KEY });
      // The first save leads on to 个人中心, which says so (a toast here would die with the page).
      if (first) navigate(HOME_PATH, { state: { flash: '个人基本信息已保存' } });
      else message.success('个人基本信息已保存');
    } catch (err) {
      if (!applyFieldErrors(form, err, FIELDS)) message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const onFinish = (v: Values) => {
    if (!first && data.employer && v.employer_id !== data.employer.id) {
      modal.confirm({
        title: '确定更换工作单位？',
        content: '更换后，待审核与退回状态的业绩档案将转由新单位审核；已审核的记录不受影响。',
        okText: '确定更换',
        cancelText: '取消',
        onOk: () => save(v),
      });
      return;
    }
    void save(v);
  };

  const readonly = (label: string, value: string | null | undefined) => (
    <Col xs={24} sm={12} lg={8}>
      <Form.Item label={label}>
        <Input value={value ?? '—'} disabled />
      </Form.Item>
    </Col>
  );

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Card title="个人基本信息" variant="borderless">
        {first && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 20 }}
            message="首次登录请先完善个人基本信息"
            description="输入关键字查找并选择您的工作单位，业绩档案将由该单位审核。保存后进入个人中心。"
          />
        )}
        <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={onFinish} scrollToFirstError>
          <Row gutter={24}>
            {readonly('姓名', data.name)}
            {readonly('性别', data.gender)}
            {readonly('出生日期', data.birth_date)}
            {readonly('证件类型', data.id_type)}
            {readonly('证件号码', data.id_number_masked)}
            {readonly('手机号码', data.phone_masked)}
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="former_name" label="曾用名" rules={lengthRules('UpdateProfile', 'former_name', '曾用名')}>
                <Input placeholder="如有请填写" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="ethnicity" label="民族" rules={[{ required: true, message: '请选择民族' }]}>
                <Select showSearch placeholder="请选择民族" options={ethnicities.data} loading={ethnicities.isPending} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="birthplace" label="出生地" rules={lengthRules('UpdateProfile', 'birthplace', '出生地')}>
                <Input placeholder="如：浙江省杭州市建德市" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="political_status" label="政治面貌" rules={[{ required: true, message: '请选择政治面貌' }]}>
                <Select showSearch placeholder="请选择政治面貌" options={political.data} loading={political.isPending} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="party_join_date" label="何时加入党（团）">
                <DatePicker style={{ width: '100%' }} placeholder="请选择日期" disabledDate={(d) => d.isAfter(dayjs())} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="work_start_date" label="参加工作时间">
                <DatePicker style={{ width: '100%' }} placeholder="请选择日期" disabledDate={(d) => d.isAfter(dayjs())} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="health" label="身体状况" rules={lengthRules('UpdateProfile', 'health', '身体状况')}>
                <AutoComplete options={['健康', '良好', '一般'].map((v) => ({ value: v }))} placeholder="如：健康" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="email" label="电子邮箱" rules={[{ type: 'email', message: '电子邮箱格式不正确' }, ...lengthRules('UpdateProfile', 'email', '电子邮箱')]}>
                <Input placeholder="请输入电子邮箱" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="highest_education" label="最高学历" rules={[{ required: true, message: '请选择最高学历' }]}>
                <Select placeholder="请选择最高学历" options={education.data} loading={education.isPending} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="current_title" label="现专业技术资格" rules={lengthRules('UpdateProfile', 'current_title', '现专业技术资格')}>
                <Input placeholder="如：工程师（中级）" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={16}>
              <Form.Item
                name="employer_id"
                label="工作单位"
                rules={[{ required: true, message: '请输入关键字查找并选择工作单位' }]}
                extra="只能选择已通过授权审核的用人单位；业绩档案由所选单位审核。"
              >
                <EmployerSelect initial={data.employer} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item style={{ marginBottom: 0, textAlign: 'center' }}>
            <Button type="primary" htmlType="submit" size="large" loading={saving} style={{ minWidth: 200 }}>
              {first ? '保存并进入个人中心' : '保存'}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card title="工作单位变更记录" variant="borderless">
        <Table<Employment>
          rowKey={(r) => `${r.employer.id}-${r.bound_at}`}
          size="small"
          loading={history.isPending}
          dataSource={history.data ?? []}
          pagination={false}
          locale={{ emptyText: '暂无工作单位记录' }}
          scroll={{ x: 640 }}
          columns={[
            { title: '#', key: 'i', width: 48, render: (_, __, i) => i + 1 },
            { title: '工作单位', key: 'employer', width: 200, render: (_, r) => r.employer.name },
            { title: '绑定时间', key: 'bound', width: 180, render: (_, r) => formatDateTime(r.bound_at) },
            { title: '解除时间', key: 'unbound', width: 180, render: (_, r) => (r.unbound_at ? formatDateTime(r.unbound_at) : '至今') },
            {
              title: '状态',
              key: 'state',
              width: 90,
              render: (_, r) => (r.unbound_at ? <Tag>已解除</Tag> : <Tag color="success">当前单位</Tag>),
            },
          ]}
        />
      </Card>
    </div>
  );
}
