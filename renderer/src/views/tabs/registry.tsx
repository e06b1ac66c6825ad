// Tabs beyond Overview / Items / Item, one file each. A tab is one entry here.
import type React from 'react';
import type { TabProps } from './types.ts';
import { RubricsView } from '../rubrics/RubricsView.tsx';
import { LabelView } from '../label/LabelView.tsx';
import { AgreementView } from '../agreement/AgreementView.tsx';
import { RecalibrationView } from '../recalibration/RecalibrationView.tsx';
import { ReportView } from '../report/ReportView.tsx';
import { CalibrationView } from '../calibration/CalibrationView.tsx';
import { prefetchCalibrationView } from '../calibration/useCalibrationSettings.ts';
import { SubgroupsView } from '../subgroups/SubgroupsView.tsx';
import { CompareView } from '../compare/CompareView.tsx';
import { MATRIX_TAB } from '../compare/params.ts';

export interface ExtraTab {
  tab: string;
  label: string;
  render: (props: TabProps) => React.JSX.Element;
  /** Reads, when a run opens, what the tab needs before it can start (optional). */
  prefetch?: (runId: number) => void;
}

export const EXTRA_TABS: ExtraTab[] = [
  { tab: 'label', label: 'Label', render: (props) => <LabelView {...props} /> },
  { tab: 'agreement', label: 'Agreement', render: (props) => <AgreementView {...props} /> },
  { tab: 'calibration', label: 'Calibration', render: (props) => <CalibrationView {...props} />, prefetch: prefetchCalibrationView },
  { tab: 'subgroups', label: 'Subgroups', render: (props) => <SubgroupsView {...props} /> },
  { tab: 'rubrics', label: 'Rubrics', render: (props) => <RubricsView {...props} /> },
  { tab: MATRIX_TAB, label: 'Compare', render: (props) => <CompareView {...props} /> },
  { tab: 'recalibration', label: 'Recalibrate', render: (props) => <RecalibrationView {...props} /> },
  { tab: 'report', label: 'Report', render: (props) => <ReportView {...props} /> },
];
