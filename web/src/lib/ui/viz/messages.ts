import { defineMessages } from '../../i18n/catalog.js';

/** Labels of the chart figure (viz-figure.tsx), shared by the screens that draw charts. */
export const vizMessages = defineMessages({
  en: {
    'view.label': 'View',
    'view.chart': 'Chart',
    'view.table': 'Table',
    'chart.loading': 'Drawing the chart…',
    'chart.unavailable': 'The chart cannot be drawn here; the table shows the same figures.',
    'chart.label': '{{title}}: chart; the same figures are in the table view.',
  },
  'zh-CN': {
    'view.label': '显示方式',
    'view.chart': '图表',
    'view.table': '表格',
    'chart.loading': '正在绘制图表…',
    'chart.unavailable': '此处无法绘制图表，表格中显示相同的数据。',
    'chart.label': '{{title}}：图表；表格视图中有相同的数据。',
  },
});
