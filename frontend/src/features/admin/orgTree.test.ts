import { describe, expect, it } from 'vitest';
import { buildOrgTree, keysToDepth } from './orgTree';
import type { OrgUnit } from './orgKinds';

const unit = (id: string, name: string, kind: OrgUnit['kind'], parent_id: string | null, level = 0): OrgUnit => ({
  id,
  name,
  kind,
  parent_id,
  level,
  status: 'active',
  created_at: '2026-01-01T00:00:00Z',
});

const zj = unit('zj', '浙江省人力资源和社会保障厅', 'hrss', null);
const nb = unit('nb', '宁波市人力资源和社会保障局', 'hrss', 'zj', 1);
const slj = unit('slj', '宁波市水利局', 'competent', 'nb', 2);
const pwh = unit('pwh', '宁波市水利工程技术人员高级专业技术职务任职资格评审委员会', 'committee', 'nb', 2);
const emp = unit('emp', '宁波市水利规划设计研究院有限公司', 'employer', 'slj', 3);

describe('org tree', () => {
  it('nests the demo tree: 省厅 → 市局 → 水利局 (and the committee) → 用人单位', () => {
    const tree = buildOrgTree([pwh, slj, nb, zj], { slj: [emp] });
    expect(tree.map((n) => n.unit.name)).toEqual(['浙江省人力资源和社会保障厅']);
    const city = tree[0].children![0];
    expect(city.unit.id).toBe('nb');
    // departments before committees
    expect(city.children!.map((n) => n.unit.id)).toEqual(['slj', 'pwh']);
    expect(city.children![1].isLeaf).toBe(true);
    const water = city.children![0];
    expect(water.children!.map((n) => n.unit.id)).toEqual(['emp']);
    expect(water.children![0].isLeaf).toBe(true);
  });

  it('keeps a department expandable until its employers are loaded, then a leaf if it has none', () => {
    const before = buildOrgTree([zj, nb, slj]);
    const water = before[0].children![0].children![0];
    expect(water.isLeaf).toBe(false);
    expect(water.children).toBeUndefined();
    const after = buildOrgTree([zj, nb, slj], { slj: [] });
    expect(after[0].children![0].children![0].isLeaf).toBe(true);
  });

  it('never drops a unit whose parent it does not know', () => {
    const orphan = unit('x', '某主管部门', 'competent', 'missing');
    expect(buildOrgTree([zj, orphan]).map((n) => n.key).sort()).toEqual(['x', 'zj']);
  });

  it('opens the first levels', () => {
    const tree = buildOrgTree([pwh, slj, nb, zj], { slj: [emp] });
    expect(keysToDepth(tree, 2)).toEqual(['zj', 'nb']);
    expect(keysToDepth(tree, 3)).toEqual(['zj', 'nb', 'slj']);
  });
});
