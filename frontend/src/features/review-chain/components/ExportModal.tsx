import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Modal, Progress, Result, Typography } from 'antd';
import { errorMessage } from '../../../api/problem';
import { downloadExport, useExportJob, type ExportJob } from '../api';

const TITLES: Record<ExportJob['kind'], string> = { roster: '名单', publicity: '公示表' };

/**
 * The progress of a 导出名单 / 导出公示表 job: polled every second while open; once done the
 * xlsx downloads by itself (重新下载 fetches it again). Closing stops the polling.
 */
export function ExportModal({ job: started, onClose }: { job: ExportJob | null; onClose: () => void }) {
  const { data: job, error } = useExportJob(started);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const downloaded = useRef<string | null>(null);

  const download = async (j: ExportJob) => {
    setDownloading(true);
    setDownloadError(null);
    try {
      await downloadExport(j);
    } catch (err) {
      setDownloadError(errorMessage(err));
    } finally {
      setDownloading(false);
    }
  };

  useEffect(() => {
    if (job?.status === 'done' && downloaded.current !== job.id) {
      downloaded.current = job.id;
      void download(job);
    }
  }, [job]);

  const what = job ? TITLES[job.kind] : '';
  const done = job?.status === 'done';
  const failed = job?.status === 'failed';
  return (
    <Modal
      open={!!started}
      title={done ? '导出完成' : failed ? `导出${what}失败` : `正在导出${what}…`}
      width={460}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
      footer={
        done ? (
          [
            <Button key="again" loading={downloading} onClick={() => void download(job)} data-testid="export-redownload">
              重新下载
            </Button>,
            <Button key="close" type="primary" onClick={onClose}>
              关闭
            </Button>,
          ]
        ) : (
          <Button onClick={onClose}>{failed ? '关闭' : '取消'}</Button>
        )
      }
    >
      {job ? (
        <div data-testid="export-modal" data-status={job.status}>
          {failed ? (
            <Result status="error" title="导出失败" subTitle={job.error || '请稍后重试'} style={{ padding: 16 }} />
          ) : (
            <>
              <Progress percent={job.percent} status={done ? 'success' : 'active'} />
              <Typography.Text type="secondary" data-testid="export-progress">
                已导出 {job.done} / {job.total} 人
              </Typography.Text>
              {done ? (
                <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
                  {job.file_name} 已开始下载；如未下载，请点击“重新下载”。
                </Typography.Paragraph>
              ) : null}
            </>
          )}
          {error ? <Alert type="error" showIcon style={{ marginTop: 12 }} message={errorMessage(error)} /> : null}
          {downloadError ? <Alert type="error" showIcon style={{ marginTop: 12 }} message={downloadError} /> : null}
        </div>
      ) : null}
    </Modal>
  );
}
