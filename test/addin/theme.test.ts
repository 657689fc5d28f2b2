import { isDarkOfficeTheme } from '../../taskpane/theme';

describe('the task pane follows the Office theme', () => {
  test('isDarkTheme decides where Office reports it', () => {
    expect(isDarkOfficeTheme({ isDarkTheme: true, bodyBackgroundColor: '#FFFFFF' })).toBe(true);
    expect(isDarkOfficeTheme({ isDarkTheme: false, bodyBackgroundColor: '#000000' })).toBe(false);
  });

  test('otherwise the body background colour decides', () => {
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#262626' })).toBe(true); // Black
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#404040' })).toBe(true); // Dark Gray
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#FFFFFF' })).toBe(false); // White
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#E6E6E6' })).toBe(false); // Colorful
  });

  test('no theme (Excel on the web, outside Office) or an unreadable colour is light', () => {
    expect(isDarkOfficeTheme(undefined)).toBe(false);
    expect(isDarkOfficeTheme(null)).toBe(false);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: 'black' })).toBe(false);
  });
});
