# The diacritics model (data/model/): make model retrains it from the corpus.
#   make model        language model + word tables from SHARED/corpus and samples/,
#                     channel from the OCR pairs in $(PAIRS_DIR) (make pairs makes them)
#   make pairs        OCR pairs from held-out corpus text (slow: Tesseract)
#   make pairs-vie    the same read by Tesseract's Vietnamese model, from scanned and
#                     worn renderings, for the confused-marks channel (channel-vie.tsv)
#   make model-eval   leave-one-out models and baselines for tools/eval/dev.sh
B         ?= build
SHARED    ?= ../shared
TRAIN     = $(B)/train
PAIRS_DIR ?= $(B)/pairs
MODEL_DIR := data/model
PY        ?= python3
SEEDS     := 000 001 002 003
LMTOK     = $(B)/lmtok

.PHONY: model pairs pairs-vie pairs-deps model-eval corpus

# make pairs renders pages and reads them back with Tesseract's English model:
# about 18 s of CPU a page of 2.5 kB (clean and scanned renderings)
PAIRS_DEB_PKGS := tesseract-ocr tesseract-ocr-eng tesseract-ocr-vie imagemagick fonts-liberation2
pairs-deps:
	@$(MAKE) --no-print-directory deps DEB_PKGS="$(PAIRS_DEB_PKGS)"

$(LMTOK): tools/train/lmtok.c $(B)/libvanban.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libvanban.a $(LDLIBS)

$(TRAIN)/split.txt: tools/train/corpus.py
	nice $(PY) tools/train/corpus.py --shared $(SHARED) --samples samples --wiki $(TRAIN)

corpus: $(TRAIN)/split.txt $(LMTOK)
	@for f in $(TRAIN)/lm-*.txt; do \
	  t=$(TRAIN)/tok-$${f#$(TRAIN)/lm-}; \
	  [ "$$t" -nt "$$f" ] && [ "$$t" -nt normalize/lm.c ] && [ "$$t" -nt normalize/syllable.c ] \
	    || $(LMTOK) < $$f > $$t; \
	done

# The channel is trained on pairs made from paragraphs the language model
# never sees (heldout-channel.txt), never on the evaluation pages.
pairs: pairs-deps $(TRAIN)/split.txt
	@mkdir -p $(PAIRS_DIR)/src
	$(PY) tools/train/pages.py --pages $${PAGES:-400} $(TRAIN)/heldout-channel.txt $(PAIRS_DIR)/src/chan
	nice $(SHARED)/tools/ocr-pairs --pages-chars 100000 $(PAIRS_DIR)/src/chan-*.txt > $(PAIRS_DIR)/chan.jsonl

# Pairs for the channel of Vietnamese-model OCR: other pages of the same
# held-out paragraphs (another sampling seed), never the evaluation pages.
pairs-vie: pairs-deps $(TRAIN)/split.txt
	@mkdir -p $(PAIRS_DIR)/src-vie
	$(PY) tools/train/pages.py --pages $${PAGES:-300} --seed 11 $(TRAIN)/heldout-channel.txt $(PAIRS_DIR)/src-vie/vie
	nice $(SHARED)/tools/ocr-pairs --lang vie --degrade scan,poor --pages-chars 100000 \
	  $(PAIRS_DIR)/src-vie/vie-*.txt > $(PAIRS_DIR)/vie.jsonl

model: corpus
	@mkdir -p $(MODEL_DIR)
	nice $(PY) tools/train/lm.py --cache $(TRAIN)/cache -o $(MODEL_DIR)/lm.bin \
	  $(TRAIN)/tok-legal.txt $(TRAIN)/tok-wiki.txt $(SEEDS:%=$(TRAIN)/tok-seed-%.txt)
	$(PY) tools/train/words.py --lmtok $(LMTOK) -o $(MODEL_DIR)/words.tsv \
	  $(TRAIN)/lm-legal.txt $(TRAIN)/lm-wiki.txt $(SEEDS:%=$(TRAIN)/lm-seed-%.txt)
	$(if $(wildcard $(PAIRS_DIR)/chan*.jsonl),$(PY) tools/train/channel.py --prior tools/train/channel-prior.tsv \
	  -o $(MODEL_DIR)/channel.tsv $(wildcard $(PAIRS_DIR)/chan*.jsonl),@echo "no OCR pairs in $(PAIRS_DIR) (make pairs): channel.tsv kept")
	$(if $(wildcard $(PAIRS_DIR)/vie.jsonl),$(PY) tools/train/channel.py --marks-kept \
	  -o $(MODEL_DIR)/channel-vie.tsv $(PAIRS_DIR)/vie.jsonl,@echo "no OCR pairs in $(PAIRS_DIR)/vie.jsonl (make pairs-vie): channel-vie.tsv kept")
	$(PY) tools/train/manifest.py --train $(TRAIN) --pairs $(PAIRS_DIR) $(MODEL_DIR)

# Leave-one-out: the model scoring pages of seed K was trained without seed K.
# Baselines: a unigram model and a stupid-backoff trigram, on the legal corpus.
model-eval: corpus
	@for k in $(SEEDS); do \
	  d=$(B)/eval/loo-$$k; mkdir -p $$d; \
	  nice $(PY) tools/train/lm.py --cache $(TRAIN)/cache -o $$d/lm.bin \
	    $(TRAIN)/tok-legal.txt $(TRAIN)/tok-wiki.txt \
	    $$(for s in $(SEEDS); do [ $$s = $$k ] || echo $(TRAIN)/tok-seed-$$s.txt; done) || exit 1; \
	  $(PY) tools/train/words.py --lmtok $(LMTOK) -o $$d/words.tsv $(TRAIN)/lm-legal.txt \
	    $(TRAIN)/lm-wiki.txt \
	    $$(for s in $(SEEDS); do [ $$s = $$k ] || echo $(TRAIN)/lm-seed-$$s.txt; done) || exit 1; \
	  cp $(MODEL_DIR)/channel.tsv $$d/; \
	  [ ! -f $(MODEL_DIR)/channel-vie.tsv ] || cp $(MODEL_DIR)/channel-vie.tsv $$d/; \
	done
	@for v in unigram:"--order 1" stupid:"--smoothing stupid"; do \
	  d=$(B)/eval/$${v%%:*}; mkdir -p $$d; \
	  nice $(PY) tools/train/lm.py $${v#*:} --cache $(TRAIN)/cache -o $$d/lm.bin $(TRAIN)/tok-legal.txt || exit 1; \
	  $(PY) tools/train/words.py --lmtok $(LMTOK) -o $$d/words.tsv $(TRAIN)/lm-legal.txt || exit 1; \
	  cp $(MODEL_DIR)/channel.tsv $$d/; \
	done
