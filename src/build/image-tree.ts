/** An image's root filesystem as the builder's Tree: the merged snapshot layers (src/image/merged-layers.ts). */
import { MergedLayers } from '../image/merged-layers.js';
import type { Tree } from './tree.js';

export class ImageTree extends MergedLayers implements Tree {}
