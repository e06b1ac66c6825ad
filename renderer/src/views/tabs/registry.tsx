// Tabs beyond Overview / Items / Item, one file each. A tab is one entry here.
import type React from 'react';
import type { TabProps } from './types.ts';

export interface ExtraTab {
  tab: string;
  label: string;
  render: (props: TabProps) => React.JSX.Element;
}

export const EXTRA_TABS: ExtraTab[] = [];
