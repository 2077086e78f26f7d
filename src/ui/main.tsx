/** The web UI's entry: renders the app into the page GET /__ui serves. */
import { render } from 'preact';
import { App } from './app';
import 'uplot/dist/uPlot.min.css';
import './styles.css';

render(<App />, document.getElementById('app')!);
