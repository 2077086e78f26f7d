/** The openapi command renders through the one YAML writer of endpoint files (src/writer). */
export { renderConfig, type RenderBlock } from '../writer/render-yaml';
