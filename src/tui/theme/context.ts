/** The theme travels by context so every component styles by token. */
import { createContext, useContext } from 'react';
import { makeTheme, loadThemeFile, type Theme } from './theme.js';

export const ThemeContext = createContext<Theme>(makeTheme(loadThemeFile('dark'), { noColor: false, ascii: false }));

export const useTheme = (): Theme => useContext(ThemeContext);
