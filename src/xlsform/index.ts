export * from './model';
export { languageOf, parseXlsForm, readXlsForm } from './read';
