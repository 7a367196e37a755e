// Close to Microsoft Teams' light theme: spacing, type ramp, colours, actions, inputs (as eng/cards/cards-lib.mjs).
const segoe = "'Segoe UI', -apple-system, 'Helvetica Neue', Arial, sans-serif";
const fontSizes = { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 };
const fontWeights = { lighter: 300, default: 400, bolder: 600 };
const color = (normal, subtle) => ({ default: normal, subtle });
const foregroundColors = {
  default: color('#242424', '#616161'), dark: color('#252424', '#484644'), light: color('#FFFFFF', '#FFFFFF'),
  accent: color('#5B5FC7', '#444791'), good: color('#0E700E', '#0E700E'), warning: color('#835B00', '#835B00'),
  attention: color('#C4314B', '#C4314B'),
};

export const hostConfig = {
  supportsInteractivity: true,
  fontFamily: segoe,
  fontSizes,
  fontWeights,
  fontTypes: { default: { fontFamily: segoe, fontSizes, fontWeights }, monospace: { fontFamily: "Consolas, 'Courier New', monospace", fontSizes, fontWeights } },
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  imageSizes: { small: 32, medium: 52, large: 100 },
  containerStyles: {
    default: { backgroundColor: '#FFFFFF', foregroundColors },
    emphasis: { backgroundColor: '#F5F5F5', foregroundColors },
    good: { backgroundColor: '#E7F2DA', foregroundColors },
    attention: { backgroundColor: '#FDE7E9', foregroundColors },
    warning: { backgroundColor: '#FFF4CE', foregroundColors },
    accent: { backgroundColor: '#E8EBFA', foregroundColors },
  },
  actions: {
    maxActions: 6, spacing: 'default', buttonSpacing: 8, actionsOrientation: 'horizontal', actionAlignment: 'left',
    showCard: { actionMode: 'inline', inlineTopMargin: 16, style: 'emphasis' }, iconPlacement: 'leftOfTitle', iconSize: 16,
  },
  adaptiveCard: { allowCustomStyle: true },
  textStyles: {
    heading: { size: 'large', weight: 'bolder', color: 'default', isSubtle: false, fontType: 'default' },
    columnHeader: { size: 'default', weight: 'bolder', color: 'default', isSubtle: false, fontType: 'default' },
  },
  textBlock: { headingLevel: 2 },
  factSet: {
    title: { size: 'default', color: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 },
    value: { size: 'default', color: 'default', isSubtle: false, weight: 'default', wrap: true },
    spacing: 16,
  },
  inputs: {
    label: { inputSpacing: 'small', requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' }, optionalInputs: { weight: 'bolder' } },
    errorMessage: { size: 'small', color: 'attention' },
  },
};
