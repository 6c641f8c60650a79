/** Mantine's palettes with shades 6–9 darkened (same hues) so that text of those shades reaches 4.5:1 on white and on
 * the light tints (shades 0–1, the `light` variants' backgrounds), and white text on them too: generated, see the test. */
export const ACCESSIBLE_COLORS = {
  red: ['#fff5f5', '#ffe3e3', '#ffc9c9', '#ffa8a8', '#ff8787', '#ff6b6b', '#c70606', '#b70e0e', '#a61919', '#941f1f'],
  pink: ['#fff0f6', '#ffdeeb', '#fcc2d7', '#faa2c1', '#f783ac', '#f06595', '#be1a54', '#aa2252', '#a01e4c', '#931a44'],
  grape: ['#f8f0fc', '#f3d9fa', '#eebefa', '#e599f7', '#da77f2', '#cc5de8', '#9f26be', '#8e2ea6', '#832d98', '#78298c'],
  violet: ['#f3f0ff', '#e5dbff', '#d0bfff', '#b197fc', '#9775fa', '#845ef7', '#693bf0', '#5e31e5', '#582ed5', '#5335ae'],
  indigo: ['#edf2ff', '#dbe4ff', '#bac8ff', '#91a7ff', '#748ffc', '#5c7cfa', '#254ff3', '#1f46e7', '#2546c8', '#2e43a9'],
  blue: ['#e7f5ff', '#d0ebff', '#a5d8ff', '#74c0fc', '#4dabf7', '#339af0', '#1364ab', '#155d9e', '#135593', '#134f87'],
  cyan: ['#e3fafc', '#c5f6fa', '#99e9f2', '#66d9e8', '#3bc9db', '#22b8cf', '#0d6d7a', '#0a6370', '#085c6a', '#085462'],
  teal: ['#e6fcf5', '#c3fae8', '#96f2d7', '#63e6be', '#38d9a9', '#20c997', '#0b7052', '#08684b', '#066044', '#05563e'],
  green: ['#ebfbee', '#d3f9d8', '#b2f2bb', '#8ce99a', '#69db7c', '#51cf66', '#257032', '#20682d', '#1d612a', '#1b5727'],
  lime: ['#f4fce3', '#e9fac8', '#d8f5a2', '#c0eb75', '#a9e34b', '#94d82d', '#466c10', '#3f640c', '#395d08', '#355507'],
  yellow: ['#fff9db', '#fff3bf', '#ffec99', '#ffe066', '#ffd43b', '#fcc419', '#825c03', '#7d5100', '#7b4800', '#783e00'],
  orange: ['#fff4e6', '#ffe8cc', '#ffd8a8', '#ffc078', '#ffa94d', '#ff922b', '#9f4901', '#994004', '#913807', '#8a2e0a'],
} as const;
